import { describe, expect, it } from "vitest";
import { type CsrfInput, csrfAllowed } from "./csrf";

const base: CsrfInput = {
  method: "POST",
  requestOrigin: "https://guichet.example.fr",
  origin: "https://guichet.example.fr",
  referer: null,
  secFetchSite: "same-origin",
  hasCookie: true,
  allowedOrigins: ["https://guichet.example.fr"],
};

describe("csrfAllowed", () => {
  it("lets safe methods through", () => {
    expect(csrfAllowed({ ...base, method: "GET", origin: "https://evil.example", secFetchSite: "cross-site" })).toBe(
      true,
    );
  });
  it("accepts a same-origin form post", () => expect(csrfAllowed(base)).toBe(true));
  it("refuses a cross-site post", () => {
    expect(csrfAllowed({ ...base, origin: "https://evil.example", secFetchSite: "cross-site" })).toBe(false);
    expect(csrfAllowed({ ...base, origin: "https://evil.example", secFetchSite: null })).toBe(false);
  });
  it("falls back on the Referer", () => {
    expect(
      csrfAllowed({ ...base, origin: null, secFetchSite: null, referer: "https://guichet.example.fr/structures" }),
    ).toBe(true);
    expect(csrfAllowed({ ...base, origin: null, secFetchSite: null, referer: "https://evil.example/x" })).toBe(false);
  });
  it("refuses a cookie-bearing post with no origin information, accepts a cookieless client", () => {
    expect(csrfAllowed({ ...base, origin: null, secFetchSite: null })).toBe(false);
    expect(csrfAllowed({ ...base, origin: null, secFetchSite: null, hasCookie: false })).toBe(true);
  });
  it("refuses an opaque origin", () =>
    expect(csrfAllowed({ ...base, origin: "null", secFetchSite: null })).toBe(false));
  it("compares the scheme too: an https page may not post to the http server of the same host", () => {
    const http = { ...base, allowedOrigins: ["http://guichet.example.fr"], requestOrigin: "http://guichet.example.fr" };
    expect(csrfAllowed({ ...http, origin: "http://guichet.example.fr" })).toBe(true);
    expect(csrfAllowed({ ...http, origin: "https://guichet.example.fr", secFetchSite: null })).toBe(false);
    // Same host behind another name: accepted only when scheme, host and port match the request.
    expect(csrfAllowed({ ...http, allowedOrigins: [], origin: "http://guichet.example.fr" })).toBe(true);
    expect(csrfAllowed({ ...http, allowedOrigins: [], origin: "http://guichet.example.fr:8080" })).toBe(false);
  });
});
