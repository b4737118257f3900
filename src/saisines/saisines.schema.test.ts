import { describe, expect, it } from "vitest";
import { NUL_CHARACTER_MESSAGE } from "../platform/validation";
import { messagesAt } from "../test/schema-messages";
import { createSaisineSchema, postMessageSchema, referentGroupSchema } from "./saisines.schema";

const saisine = {
  partnerKey: "caf",
  objet: "Dossier bloqué",
  description: "Le dossier est bloqué.",
  urgence: "standard",
};

describe("the saisine's free-text fields refuse a NUL character", () => {
  it("in the description, and accept the same text without it", () => {
    const parse = (description: string) => createSaisineSchema.safeParse({ ...saisine, description });
    expect(messagesAt(parse("Le dossier\u0000 est bloqué."), "description")).toEqual([NUL_CHARACTER_MESSAGE]);
    expect(parse("Le dossier est bloqué.").success).toBe(true);
  });

  it("in a message and in a referent group's instructions", () => {
    expect(messagesAt(postMessageSchema.safeParse({ type: "question", body: "Où\u0000 ?" }), "body")).toEqual([
      NUL_CHARACTER_MESSAGE,
    ]);
    const group = referentGroupSchema.safeParse({
      departement: "57",
      partnerKey: "caf",
      nom: "CAF Moselle",
      mailbox: "caf57@exemple.fr",
      instructions: "Appeler\u0000",
    });
    expect(messagesAt(group, "instructions")).toEqual([NUL_CHARACTER_MESSAGE]);
  });
});
