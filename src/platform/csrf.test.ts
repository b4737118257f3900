import { describe, expect, it } from "vitest";
import { type CsrfInput, csrfAllowed } from "./csrf";

const base: CsrfInput = {
  method: "POST",
  host: "guichet.example.fr",
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
});
