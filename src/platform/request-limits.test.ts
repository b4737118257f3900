import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import path from "node:path";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { apiHandler, readJsonBody } from "./api.server";
import { ERROR_MESSAGES } from "./app-error";
import { createApp, listen } from "./http-server.server";
import { jsonNestingExceeds, refuseAtTheEdge } from "./request-limits";

const MB = 1_048_576;
const head = (values: Partial<Parameters<typeof refuseAtTheEdge>[0]>) => ({
  method: "POST",
  path: "/connexion",
  contentLength: "10",
  transferEncoding: undefined,
  contentType: "application/x-www-form-urlencoded",
  ...values,
});

describe("refusals at the edge", () => {
  it("refuses unknown methods everywhere, and methods other than GET, HEAD and POST on pages", () => {
    expect(refuseAtTheEdge(head({ method: "TRACE" }), MB)?.code).toBe("http.method_not_allowed");
    expect(refuseAtTheEdge(head({ method: "TRACE", path: "/api/v1/passages" }), MB)?.status).toBe(405);
    for (const method of ["PUT", "PATCH", "DELETE"])
      expect(refuseAtTheEdge(head({ method, path: "/mot-de-passe-oublie" }), MB)?.status).toBe(405);
    expect(refuseAtTheEdge(head({ method: "DELETE", path: "/api/v1/x", contentLength: undefined }), MB)).toBeNull();
  });

  it("refuses a body over the limit, or of undeclared length, from the headers alone", () => {
    expect(refuseAtTheEdge(head({ contentLength: String(MB + 1) }), MB)).toEqual({
      status: 413,
      code: "http.body_too_large",
    });
    expect(refuseAtTheEdge(head({ contentLength: String(MB) }), MB)).toBeNull();
    expect(refuseAtTheEdge(head({ contentLength: undefined, transferEncoding: "chunked" }), MB)?.status).toBe(411);
    expect(refuseAtTheEdge(head({ contentLength: "-3" }), MB)?.status).toBe(411);
  });

  it("takes forms on pages and JSON on the API, nothing else", () => {
    expect(refuseAtTheEdge(head({ contentType: "multipart/form-data; boundary=x" }), MB)).toBeNull();
    expect(refuseAtTheEdge(head({ contentType: "application/json" }), MB)?.code).toBe("http.unsupported_media_type");
    expect(refuseAtTheEdge(head({ contentType: undefined }), MB)?.status).toBe(415);
    const api = { path: "/api/v1/passages" };
    expect(refuseAtTheEdge(head({ ...api, contentType: "application/json; charset=utf-8" }), MB)).toBeNull();
    expect(refuseAtTheEdge(head({ ...api, contentType: "text/plain" }), MB)?.status).toBe(415);
    expect(refuseAtTheEdge(head({ ...api, contentType: "application/x-www-form-urlencoded" }), MB)?.status).toBe(415);
    expect(refuseAtTheEdge(head({ ...api, contentType: undefined, contentLength: "0" }), MB)).toBeNull();
  });

  it("measures JSON nesting without parsing, ignoring brackets inside strings", () => {
    expect(jsonNestingExceeds("[".repeat(100_000) + "]".repeat(100_000), 32)).toBe(true);
    expect(jsonNestingExceeds(`{"a":[[{"b":"[[[[[[[[[[\\"[[[["}]]}`, 4)).toBe(false);
    expect(jsonNestingExceeds('{"a":{"b":{"c":{}}}}', 3)).toBe(true);
  });
});

// The real HTTP server: the refusals happen before authentication and before any byte of the body is read.
let server: Server;
let port: number;

beforeAll(async () => {
  server = await listen(createApp({ routes: {} } as unknown as ServerBuild, path.resolve("public")), 0, "127.0.0.1");
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Sends only a request head on a raw socket and returns what the server answers before any body byte. */
function sendHead(lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`${lines.join("\r\n")}\r\n\r\n`));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("the HTTP server", () => {
  it("answers 413 in French JSON to an anonymous 400 MB API post without reading it, and closes", async () => {
    const answer = await sendHead([
      "POST /api/v1/passages HTTP/1.1",
      "Host: localhost",
      "Content-Type: application/json",
      `Content-Length: ${400 * MB}`,
    ]);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(answer).toContain('"code":"http.body_too_large"');
  });

  it("answers 413 to an oversized login form, 411 to a chunked one, in French", async () => {
    const tooLarge = await sendHead([
      "POST /connexion HTTP/1.1",
      "Host: localhost",
      "Content-Type: application/x-www-form-urlencoded",
      `Content-Length: ${300 * MB}`,
    ]);
    expect(tooLarge).toMatch(/^HTTP\/1\.1 413 /);
    expect(tooLarge).toContain(ERROR_MESSAGES["http.body_too_large"]);
    const chunked = await sendHead([
      "POST /connexion HTTP/1.1",
      "Host: localhost",
      "Content-Type: application/x-www-form-urlencoded",
      "Transfer-Encoding: chunked",
    ]);
    expect(chunked).toMatch(/^HTTP\/1\.1 411 /);
  });

  it("answers 405 to TRACE and to PUT on a page, 415 to JSON posted to a page or text to the API", async () => {
    const base = `http://127.0.0.1:${port}`;
    const trace = await sendHead(["TRACE / HTTP/1.1", "Host: localhost"]);
    expect(trace).toMatch(/^HTTP\/1\.1 405 /);
    const put = await fetch(`${base}/connexion`, { method: "PUT", body: "email=a" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST");
    const json = await fetch(`${base}/mot-de-passe-oublie`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect([json.status, await json.text()]).toEqual([415, ERROR_MESSAGES["http.unsupported_media_type"]]);
    const text = await fetch(`${base}/api/v1/passages`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { code: string } }).error.code).toBe("http.unsupported_media_type");
  });
});

describe("responses to requests with credentials", () => {
  it("carry Cache-Control: no-store, so no cache keeps personal data", async () => {
    const base = `http://127.0.0.1:${port}`;
    const withToken = await fetch(`${base}/api/v1/me`, { headers: { authorization: "Bearer x" } });
    expect(withToken.headers.get("cache-control")).toBe("no-store");
    const withCookie = await fetch(`${base}/api/v1/me`, { headers: { cookie: "guichet_session=x" } });
    expect(withCookie.headers.get("cache-control")).toBe("no-store");
  });
});

describe("API bodies", () => {
  it("refuses JSON nested 100,000 levels deep with a French 400, not a stack overflow", async () => {
    const deep = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const response = await apiHandler(async () => {
      await readJsonBody(new Request("http://localhost/api/v1/x", { method: "POST", body: deep }), z.object({}));
      return new Response(null, { status: 204 });
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("api.json_too_deep");
  });
});
