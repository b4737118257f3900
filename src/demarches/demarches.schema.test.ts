import { describe, expect, it } from "vitest";
import { NUL_CHARACTER_MESSAGE } from "../platform/validation";
import { messagesAt } from "../test/schema-messages";
import { createDemarcheSchema, rendezVousSchema } from "./demarches.schema";

const demarche = { usagerId: "0f8fad5b-d9cb-469f-a165-70867728950e", titre: "Aide au logement", partenaire: "caf" };

describe("the démarche's free-text fields refuse a NUL character", () => {
  it("in the title, the notes and a piece, and accept the same text without it", () => {
    const parse = (extra: Record<string, unknown>) => createDemarcheSchema.safeParse({ ...demarche, ...extra });
    expect(messagesAt(parse({ titre: "Aide\u0000 au logement" }), "titre")).toEqual([NUL_CHARACTER_MESSAGE]);
    expect(messagesAt(parse({ notes: "rappeler\u0000" }), "notes")).toEqual([NUL_CHARACTER_MESSAGE]);
    expect(messagesAt(parse({ pieces: "Avis d’imposition\u0000" }), "pieces.0")).toEqual([NUL_CHARACTER_MESSAGE]);
    expect(parse({ notes: "rappeler", pieces: "Avis d’imposition" }).success).toBe(true);
  });

  it("in the place of a partner appointment", () => {
    const result = rendezVousSchema.safeParse({
      rdvAt: "2026-01-15T10:00",
      rdvLieu: "CAF\u0000 de Metz",
      rdvInterlocuteur: "M. Durand",
    });
    expect(messagesAt(result, "rdvLieu")).toEqual([NUL_CHARACTER_MESSAGE]);
  });
});
