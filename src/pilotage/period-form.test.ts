import { describe, expect, it } from "vitest";
import { periodFormSchema } from "./period-form";

describe("the dashboards' period form", () => {
  it("checks the period form: one French message per field", () => {
    const errors = (values: Record<string, string>) => {
      const result = periodFormSchema.safeParse(values);
      return result.success
        ? {}
        : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
    };
    expect(errors({ type: "trimestre", date: "2026-08-12" })).toEqual({});
    expect(errors({ type: "decennie", date: "2026-08-12" })).toEqual({ type: "Choisissez le type de période." });
    expect(errors({ type: "mois", date: "2026-02-30" })).toEqual({
      date: "Indiquez un jour compris dans la période, au format JJ/MM/AAAA.",
    });
    expect(errors({ type: "personnalise", du: "2026-09-01", au: "2026-08-01" })).toEqual({
      au: "La date de fin doit être le même jour que la date de début ou après.",
    });
    expect(errors({ type: "personnalise", du: "2020-01-01", au: "2026-01-01" })).toEqual({
      au: "Une période personnalisée couvre au plus trois ans.",
    });
    expect(errors({ type: "personnalise", du: "", au: "demain" })).toEqual({
      du: "Indiquez la date de début au format JJ/MM/AAAA.",
      au: "Indiquez la date de fin au format JJ/MM/AAAA.",
    });
  });
});
