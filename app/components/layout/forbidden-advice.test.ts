import { describe, expect, it } from "vitest";
import { forbiddenAdvice } from "./forbidden-advice";

describe("forbiddenAdvice: the 403 page's advice fits the reader's role", () => {
  it("the responsable is not sent to the responsable of her structure", () => {
    expect(forbiddenAdvice(["responsable"])).toContain("coordinateur départemental");
    expect(forbiddenAdvice(["responsable"])).not.toContain("responsable de votre structure");
    expect(forbiddenAdvice(["agent", "responsable"])).not.toContain("responsable de votre structure");
  });
  it("an agent asks their responsable; a referent the coordinateur; a coordinateur the national team", () => {
    expect(forbiddenAdvice(["agent"])).toContain("contactez le responsable de votre structure");
    expect(forbiddenAdvice(["referent"])).toContain("annuaire des référents");
    expect(forbiddenAdvice(["coordinateur"])).toContain("équipe nationale");
    expect(forbiddenAdvice(["national"])).toContain("administrateur de la plateforme");
    expect(forbiddenAdvice(["admin"])).toContain("compte d’administration");
  });
  it("without a role, the general advice", () => {
    expect(forbiddenAdvice([])).toContain("responsable de votre structure ou votre coordinateur départemental");
  });
});
