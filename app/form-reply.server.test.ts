import { redirect } from "react-router";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formIntent, UNKNOWN_INTENT_MESSAGE } from "../src/platform/form.server";
import { dispatchForm } from "./form-reply.server";

const post = (fields: Record<string, string>) =>
  new Request("http://localhost/page", { method: "POST", body: new URLSearchParams(fields) });

const handlers = {
  renommer: formIntent(z.object({ nom: z.string({ error: "Saisissez le nom." }) }), async () =>
    redirect("/page?motif=ok"),
  ),
};

describe("dispatchForm", () => {
  it("answers with the use case's redirect when the form is valid", async () => {
    const answer = await dispatchForm(post({ intent: "renommer", nom: "Dupont" }), handlers);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(302);
    expect((answer as Response).headers.get("location")).toBe("/page?motif=ok");
  });

  it("answers a refusal with the page's data and its status, the intent beside the reply", async () => {
    expect(await dispatchForm(post({ intent: "renommer" }), handlers)).toMatchObject({
      type: "DataWithResponseInit",
      init: { status: 400 },
      data: { intent: "renommer", lastResult: { error: { nom: ["Saisissez le nom."] } } },
    });
    expect(await dispatchForm(post({ intent: "effacer" }), handlers)).toEqual({
      type: "DataWithResponseInit",
      init: { status: 400 },
      data: { intent: "inconnue", lastResult: { status: "error", error: { "": [UNKNOWN_INTENT_MESSAGE] } } },
    });
  });
});
