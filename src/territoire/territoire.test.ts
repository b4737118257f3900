import { describe, expect, it } from "vitest";
import { allDepartements, communeByInsee, communeLabel, departementByCode, departementLabel } from "./territoire";

describe("territoire", () => {
  it("finds a commune and its département by INSEE code", () => {
    expect(communeByInsee("92032")).toMatchObject({ nom: "Fontenay-aux-Roses", departement: "92" });
    expect(communeByInsee("2A004")?.departement).toBe("2A");
    expect(communeByInsee("97411")?.departement).toBe("974");
    expect(communeByInsee("00000")).toBeNull();
    expect(communeLabel("57631")).toBe("Sarreguemines (57)");
  });
  it("knows every département, overseas included", () => {
    expect(departementByCode("57")?.nom).toBe("Moselle");
    expect(allDepartements().length).toBeGreaterThanOrEqual(101);
  });
  it("normalises input and falls back to the code for display", () => {
    expect(communeByInsee(" 2a004 ")?.nom).toBe("Ajaccio");
    expect(departementByCode("2b")?.code).toBe("2B");
    expect(departementLabel("57")).toBe("57 — Moselle");
    expect(departementLabel("96")).toBe("96");
    expect(communeLabel("99999")).toBe("99999");
    // A name of the object prototype is not a commune.
    expect(communeByInsee("toString")).toBeNull();
  });
});
