import { describe, expect, it } from "vitest";
import { NUL_CHARACTER_MESSAGE } from "../platform/validation";
import { messagesAt } from "../test/schema-messages";
import { createUsagerSchema, usagerSearchBody } from "./usagers.schema";

const usager = { nom: "Martin", prenom: "Léa", noticeRemise: true };

describe("the usager's free-text fields refuse a NUL character", () => {
  it("in the name and the commune, and accept the same text without it", () => {
    expect(messagesAt(createUsagerSchema.safeParse({ ...usager, nom: "Mar\u0000tin" }), "nom")).toEqual([
      NUL_CHARACTER_MESSAGE,
    ]);
    expect(messagesAt(createUsagerSchema.safeParse({ ...usager, commune: "Metz\u0000" }), "commune")).toEqual([
      NUL_CHARACTER_MESSAGE,
    ]);
    expect(createUsagerSchema.safeParse({ ...usager, commune: "Metz" }).success).toBe(true);
  });

  it("in the API's search body", () => {
    expect(messagesAt(usagerSearchBody.safeParse({ q: "Mar\u0000" }), "q")).toEqual([NUL_CHARACTER_MESSAGE]);
  });
});
