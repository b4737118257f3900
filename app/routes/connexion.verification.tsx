import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requirePendingOrFullSession } from "../../src/acces/guards.server";
import { secondFactorSchema } from "../../src/auth/auth.schema";
import { verifySecondFactor } from "../../src/auth/totp.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, safeRedirectPath, userAgent } from "../../src/platform/http.server";
import { FormErrors, InputField } from "../components/forms/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/connexion.verification";

export const meta: Route.MetaFunction = () => [{ title: "Vérification en deux étapes — Guichet" }];

/** Only a session whose password step is done, and whose second step is not, belongs here. */
async function requirePendingVerification(request: Request) {
  const { actor, pending } = await requirePendingOrFullSession(request);
  if (!pending) throw redirect("/");
  if (!actor.totpEnabled) throw redirect("/compte/double-authentification");
  return actor;
}

export async function loader({ request }: Route.LoaderArgs) {
  await requirePendingVerification(request);
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"));
  return { mode: url.searchParams.get("secours") === "1" ? ("secours" as const) : ("totp" as const), redirectTo };
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePendingVerification(request);
  const { submission } = await parseForm(request, secondFactorSchema);
  if (submission.status !== "success") return invalid(submission, { hideFields: ["code"] });
  const result = await runForForm(
    submission,
    () => verifySecondFactor(actor, submission.value.code, { ip: clientIp(request), userAgent: userAgent(request) }),
    ["code"],
  );
  if (!result.ok) return result.response;
  return redirect(safeRedirectPath(submission.value.redirectTo));
}

function switchLink(mode: "totp" | "secours", redirectTo: string): string {
  const params = new URLSearchParams();
  if (mode === "secours") params.set("secours", "1");
  if (redirectTo !== "/") params.set("redirectTo", redirectTo);
  const query = params.toString();
  return `/connexion/verification${query ? `?${query}` : ""}`;
}

export default function ConnexionVerification({ loaderData }: Route.ComponentProps) {
  const { mode, redirectTo } = loaderData;
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `verification-${mode}`,
    lastResult: actionData?.lastResult as never,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: secondFactorSchema }),
  });
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Vérification en deux étapes</h1>
        <Form method="post" {...getFormProps(form)}>
          <fieldset className="fr-fieldset" aria-labelledby="verification-legende">
            <legend className="fr-fieldset__legend" id="verification-legende">
              {mode === "totp" ? "Saisir le code de votre application d’authentification" : "Saisir un code de secours"}
            </legend>
            <div className="fr-fieldset__element">
              <FormErrors errors={form.errors} />
            </div>
            <div className="fr-fieldset__element">
              {mode === "totp" ? (
                <InputField
                  field={fields.code}
                  label="Code à 6 chiffres"
                  hint="Ouvrez votre application d’authentification (FreeOTP, Aegis, Google Authenticator…) et saisissez le code affiché pour Guichet."
                  autoComplete="one-time-code"
                  inputMode="numeric"
                />
              ) : (
                <InputField
                  field={fields.code}
                  label="Code de secours"
                  hint="Un des 10 codes remis lors de l’activation, au format xxxxx-xxxxx. Chaque code ne sert qu’une fois."
                  autoComplete="off"
                />
              )}
            </div>
            <input type="hidden" name="mode" value={mode} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <div className="fr-fieldset__element">
              <ul className="fr-btns-group">
                <li>
                  <button className="fr-btn" type="submit">
                    Valider
                  </button>
                </li>
              </ul>
              <p>
                {mode === "totp" ? (
                  <a className="fr-link" href={switchLink("secours", redirectTo)}>
                    Utiliser un code de secours
                  </a>
                ) : (
                  <a className="fr-link" href={switchLink("totp", redirectTo)}>
                    Utiliser le code de l’application
                  </a>
                )}
              </p>
            </div>
          </fieldset>
        </Form>
        <p className="fr-text--sm">
          Vous avez perdu votre téléphone et vos codes de secours ? Demandez à l’administrateur de Guichet de
          réinitialiser votre double authentification.
        </p>
        <Form method="post" action="/deconnexion">
          <button className="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">
            Annuler la connexion
          </button>
        </Form>
      </div>
    </div>
  );
}
