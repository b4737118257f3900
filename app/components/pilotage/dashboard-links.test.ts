import { describe, expect, it } from "vitest";
import { exportHref } from "./dashboard-links";

describe("pilotage addresses", () => {
  it("builds the export addresses the export route reads", () => {
    expect(exportHref("structure", "abc", "2026-Q3", "pdf")).toBe(
      "/pilotage/export?niveau=structure&id=abc&periode=2026-Q3&format=pdf",
    );
    expect(exportHref("national", null, "2026", "csv", "canal")).toBe(
      "/pilotage/export?niveau=national&periode=2026&format=csv&dimension=canal",
    );
  });
});
