#!/usr/bin/env node
// Memory of the server before and after oversized anonymous bodies (issue 12): 400 MB posted to the API
// and 300 MB to the login form, streamed for real over loopback. Run `npm run build` first.
// Prints one machine-readable line: the resident memory (MB) before, after, and the answers' statuses.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const port = Number(process.env.BENCH_PORT ?? 3298);
const MB = 1_048_576;
const dataDir = mkdtempSync(path.join(tmpdir(), "guichet-body-"));
// BENCH_BUILD_DIR reuses another build (for example build-e2e).
const buildArgs = process.env.BENCH_BUILD_DIR ? ["--build-dir", process.env.BENCH_BUILD_DIR] : [];
const server = spawn(process.execPath, ["bin/guichet.mjs", "serve", "--port", String(port), ...buildArgs], {
  // A bench-only audit key: serve refuses to start without one outside demo mode (ADR 020).
  env: {
    ...process.env,
    AUDIT_HMAC_KEY: randomBytes(32).toString("base64url"),
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    PUBLIC_URL: `http://localhost:${port}`,
  },
  stdio: "ignore",
});

function residentMb() {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function listening() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not answer within 120 s");
}

/** Streams `megabytes` of body after the head, as fast as the socket takes it; resolves with the status. */
function post(pathname, contentType, megabytes) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    let sent = 0;
    const chunk = Buffer.alloc(MB, 0x61);
    socket.setEncoding("utf8");
    socket.on("data", (data) => {
      answer += data;
    });
    const finish = () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0));
    socket.on("close", finish);
    socket.on("error", () => undefined);
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${contentType}\r\nContent-Length: ${megabytes * MB}\r\n\r\n`,
    );
    const pump = () => {
      while (sent < megabytes && !socket.destroyed) {
        sent++;
        if (!socket.write(chunk)) return socket.once("drain", pump);
      }
    };
    pump();
  });
}

try {
  await listening();
  const before = residentMb();
  const api = await post("/api/v1/passages", "application/json", 400);
  const login = await post("/connexion", "application/x-www-form-urlencoded", 300);
  const after = residentMb();
  console.log(`rss_before_mb=${before} rss_after_mb=${after} api_status=${api} login_status=${login}`);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
