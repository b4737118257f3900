import { describe, expect, it } from "vitest";
import { NUL_CHARACTER_MESSAGE } from "../platform/validation";
import { messagesAt } from "../test/schema-messages";
import { passageSchema } from "./accueil.schema";
import { suppressionSchema } from "./corrections.schema";
import { arrivalPrenomSchema } from "./file-attente.schema";

const demande = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["demarche_en_ligne"],
  autonomie: "partiellement",
  issue: "resolu_sur_place",
};

describe("the accueil's free-text fields refuse a NUL character", () => {
  it("in a demand's precision, and accept the same text without it", () => {
    const parse = (precision: string) => passageSchema.safeParse({ sollicitations: [{ ...demande, precision }] });
    expect(messagesAt(parse("dossier\u0000"), "sollicitations.0.precision")).toEqual([NUL_CHARACTER_MESSAGE]);
    expect(parse("dossier").success).toBe(true);
  });

  it("in the reason of a deletion and in a waiting-list first name", () => {
    expect(messagesAt(suppressionSchema.safeParse({ motif: "doublon\u0000" }), "motif")).toEqual([
      NUL_CHARACTER_MESSAGE,
    ]);
    expect(messagesAt(arrivalPrenomSchema.safeParse({ prenom: "Ana\u0000" }), "prenom")).toEqual([
      NUL_CHARACTER_MESSAGE,
    ]);
  });
});
