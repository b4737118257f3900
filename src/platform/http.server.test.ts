import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./http.server";

describe("safeRedirectPath", () => {
  it("keeps a same-origin path with its query and fragment", () => {
    expect(safeRedirectPath("/usagers?q=martin#liste")).toBe("/usagers?q=martin#liste");
    expect(safeRedirectPath("/")).toBe("/");
  });

  it("refuses every path a browser would read as another site", () => {
    for (const value of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\\t/evil.example".replace("\\t", "\t"),
    ])
      expect(safeRedirectPath(value), JSON.stringify(value)).toBe("/");
    expect(safeRedirectPath("https://evil.example/")).toBe("/");
    expect(safeRedirectPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("refuses control characters, which could split the Location header", () => {
    expect(safeRedirectPath("/accueil\r\nSet-Cookie: x=1")).toBe("/");
    expect(safeRedirectPath("/accueil\u0000")).toBe("/");
    expect(safeRedirectPath(42, "/connexion")).toBe("/connexion");
  });
});
