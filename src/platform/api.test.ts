import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiHandler, readJsonBody } from "./api.server";

const schema = z.object({ nom: z.string().max(10, "10 caractères au maximum.") });
const post = (body: string) =>
  apiHandler(async () =>
    Response.json(await readJsonBody(new Request("http://x/api", { method: "POST", body }), schema)),
  );

describe("API bodies", () => {
  it("answer French JSON errors for invalid JSON, non-objects, NUL characters and invalid fields", async () => {
    for (const [body, code] of [
      ["{", "api.invalid_json"],
      ["[1]", "api.invalid_json"],
      [JSON.stringify({ nom: "a\u0000b" }), "api.nul_character"],
      [JSON.stringify({ nom: "beaucoup trop long" }), "validation.failed"],
    ]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe(code);
    }
    const ok = await post(JSON.stringify({ nom: "Léa" }));
    expect(await ok.json()).toEqual({ nom: "Léa" });
  });
});
