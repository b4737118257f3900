import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, ERROR_MESSAGES } from "./app-error";
import { dispatchIntent, formIntent, type IntentOutcome, UNKNOWN_INTENT_MESSAGE } from "./form.server";

const post = (fields: Record<string, string>) =>
  new Request("http://localhost/page", { method: "POST", body: new URLSearchParams(fields) });

const renameSchema = z.object({
  nom: z.string({ error: "Saisissez le nom." }).trim().min(2, "2 caractères au moins."),
  secret: z.string({ error: "Saisissez le code." }).regex(/^\d{6}$/, "6 chiffres."),
});

type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };

function failureOf<T>(outcome: IntentOutcome<T>) {
  if (outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
  return {
    status: outcome.failure.status,
    intent: outcome.failure.body.intent,
    reply: outcome.failure.body.lastResult as Reply,
  };
}

describe("dispatchIntent", () => {
  it("refuses an unknown, missing or inherited intent with 400 and a French message, calling no use case", async () => {
    const rename = vi.fn(async () => "renamed");
    const handlers = { renommer: formIntent(renameSchema, rename) };
    const submissions: Array<Record<string, string>> = [
      { intent: "supprimer" },
      {},
      { intent: "toString" },
      { intent: "__proto__" },
    ];
    for (const fields of submissions) {
      const failure = failureOf(await dispatchIntent(post(fields), handlers));
      expect(failure).toEqual({
        status: 400,
        intent: "inconnue",
        reply: { status: "error", error: { "": [UNKNOWN_INTENT_MESSAGE] } },
      });
    }
    expect(UNKNOWN_INTENT_MESSAGE).toBe("Action inconnue : rechargez la page et recommencez.");
    expect(rename).not.toHaveBeenCalled();
  });

  it("sends invalid values back with 400, the values typed and one message per field, without the hidden ones", async () => {
    const rename = vi.fn(async () => "renamed");
    const handlers = { renommer: formIntent(renameSchema, rename, { hideFields: ["secret"] }) };
    const failure = failureOf(await dispatchIntent(post({ intent: "renommer", nom: "X", secret: "12" }), handlers));
    expect(failure.status).toBe(400);
    expect(failure.intent).toBe("renommer");
    expect(failure.reply.error).toEqual({ nom: ["2 caractères au moins."], secret: ["6 chiffres."] });
    expect(failure.reply.initialValue).toEqual({ intent: "renommer", nom: "X" });
    expect(rename).not.toHaveBeenCalled();
  });

  it("calls the intent's use case once with the parsed values and answers with what it returns", async () => {
    const rename = vi.fn(async (value: z.output<typeof renameSchema>) => `renamed to ${value.nom}`);
    const other = vi.fn(async () => "other");
    const handlers = { renommer: formIntent(renameSchema, rename), autre: formIntent(z.object({}), other) };
    const outcome = await dispatchIntent(post({ intent: "renommer", nom: "  Dupont ", secret: "123456" }), handlers);
    expect(outcome).toEqual({ ok: true, value: "renamed to Dupont" });
    expect(rename).toHaveBeenCalledTimes(1);
    expect(rename).toHaveBeenCalledWith({ nom: "Dupont", secret: "123456" });
    expect(other).not.toHaveBeenCalled();
  });

  it("turns a domain error into the form's reply: its status, its message on the field it names", async () => {
    const handlers = {
      renommer: formIntent(
        renameSchema,
        async () => {
          throw new AppError("usager.merge_identifier_conflict", 409, "nom");
        },
        { hideFields: ["secret"] },
      ),
    };
    const failure = failureOf(
      await dispatchIntent(post({ intent: "renommer", nom: "Dupont", secret: "123456" }), handlers),
    );
    expect(failure.status).toBe(409);
    expect(failure.intent).toBe("renommer");
    expect(failure.reply.error).toEqual({ nom: [ERROR_MESSAGES["usager.merge_identifier_conflict"]] });
    expect(failure.reply.initialValue).toEqual({ intent: "renommer", nom: "Dupont" });
  });

  it("lets any other error through", async () => {
    const handlers = {
      renommer: formIntent(renameSchema, async () => {
        throw new TypeError("bug");
      }),
    };
    await expect(
      dispatchIntent(post({ intent: "renommer", nom: "Dupont", secret: "123456" }), handlers),
    ).rejects.toThrow(new TypeError("bug"));
  });
});
