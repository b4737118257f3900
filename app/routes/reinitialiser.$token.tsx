import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useActionData } from "react-router";
import { requireAnonymous } from "../../src/acces/guards.server";
import { newPasswordSchema } from "../../src/auth/auth.schema";
import { completePasswordReset, resetTokenIsValid } from "../../src/auth/password-reset.server";
import { clearSessionCookie } from "../../src/auth/session.server";
import { ERROR_MESSAGES } from "../../src/platform/app-error";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { FormErrors, Notice } from "../components/forms/fields";
import { NewPasswordFields } from "../components/forms/NewPasswordFields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/reinitialiser.$token";

export const meta: Route.MetaFunction = () => [{ title: "Choisir un nouveau mot de passe — Guichet" }];

/** The page shows secrets (TOTP key, recovery codes, reset link): no cache may keep it. */
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireAnonymous(request);
  if (!(await resetTokenIsValid(params.token))) {
    return data({ valid: false as const, message: ERROR_MESSAGES["auth.invalid_token"] }, { status: 400 });
  }
  return { valid: true as const };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireAnonymous(request);
  const { submission } = await parseForm(request, newPasswordSchema);
  const hideFields = ["password", "confirmation"];
  if (submission.status !== "success") return invalid(submission, { hideFields });
  const result = await runForForm(
    submission,
    () =>
      completePasswordReset({
        token: params.token,
        password: submission.value.password,
        ip: clientIp(request),
        userAgent: userAgent(request),
      }),
    hideFields,
  );
  if (!result.ok) return result.response;
  return redirect("/connexion?motif=reinitialise", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function Reinitialiser({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as never,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newPasswordSchema }),
  });
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Choisir un nouveau mot de passe</h1>
        {loaderData.valid ? (
          <Form method="post" {...getFormProps(form)}>
            <fieldset className="fr-fieldset" aria-labelledby="reinitialisation-legende">
              <legend className="fr-fieldset__legend" id="reinitialisation-legende">
                Votre nouveau mot de passe
              </legend>
              <div className="fr-fieldset__element">
                <FormErrors errors={form.errors} />
              </div>
              <NewPasswordFields password={fields.password} confirmation={fields.confirmation} />
              <div className="fr-fieldset__element">
                <ul className="fr-btns-group">
                  <li>
                    <button className="fr-btn" type="submit">
                      Enregistrer le mot de passe
                    </button>
                  </li>
                </ul>
                <p className="fr-text--sm">
                  Toutes vos sessions ouvertes seront fermées : vous vous reconnecterez avec le nouveau mot de passe.
                </p>
              </div>
            </fieldset>
          </Form>
        ) : (
          <Notice kind="error" title="Lien invalide">
            <p>{loaderData.message}</p>
          </Notice>
        )}
        <p>
          <a className="fr-link" href="/mot-de-passe-oublie">
            Demander un nouveau lien
          </a>
        </p>
      </div>
    </div>
  );
}
