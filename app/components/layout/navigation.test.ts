import { describe, expect, it } from "vitest";
import { currentNavTarget, NAV_ITEMS } from "./navigation";

describe("current navigation entry", () => {
  it("marks one entry: the most specific one", () => {
    expect(currentNavTarget("/accueil/journee", NAV_ITEMS)).toBe("/accueil/journee");
    expect(currentNavTarget("/accueil", NAV_ITEMS)).toBe("/accueil");
    expect(currentNavTarget("/accueil/passages/123", NAV_ITEMS)).toBe("/accueil");
    expect(currentNavTarget("/structures/abc/modifier", NAV_ITEMS)).toBe("/structures");
    expect(currentNavTarget("/", NAV_ITEMS)).toBe("/");
    expect(currentNavTarget("/compte", NAV_ITEMS)).toBeNull();
  });
});
