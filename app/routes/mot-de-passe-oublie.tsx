import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requireAnonymous } from "../../src/acces/guards.server";
import { passwordResetRequestSchema } from "../../src/auth/auth.schema";
import { RESET_TOKEN_MINUTES, requestPasswordReset } from "../../src/auth/password-reset.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { FormErrors, InputField, Notice } from "../components/forms/fields";
import { invalid } from "../form-reply.server";
import type { Route } from "./+types/mot-de-passe-oublie";

export const meta: Route.MetaFunction = () => [{ title: "Mot de passe oublié — Guichet" }];

/** Where every valid request lands, whether the address has an account or not. */
const REQUEST_SENT_PATH = "/mot-de-passe-oublie?demande=envoyee";

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  return { sent: new URL(request.url).searchParams.get("demande") === "envoyee", minutes: RESET_TOKEN_MINUTES };
}

export async function action({ request }: Route.ActionArgs) {
  await requireAnonymous(request);
  const { submission } = await parseForm(request, passwordResetRequestSchema);
  if (submission.status !== "success") return invalid(submission);
  await requestPasswordReset({ email: submission.value.email, ip: clientIp(request), userAgent: userAgent(request) });
  return redirect(REQUEST_SENT_PATH);
}

export default function MotDePasseOublie({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as never,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordResetRequestSchema }),
  });
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Mot de passe oublié</h1>
        {loaderData.sent ? (
          <>
            <Notice kind="success" title="Demande enregistrée">
              <p>
                Si un compte Guichet existe pour cette adresse, un courriel contenant un lien pour choisir un nouveau
                mot de passe vient d’y être envoyé. Le lien est valable {loaderData.minutes} minutes et ne sert qu’une
                fois. Pensez à regarder dans vos courriers indésirables.
              </p>
            </Notice>
            <p>
              <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/connexion">
                Retour à la connexion
              </a>
            </p>
          </>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <fieldset className="fr-fieldset" aria-labelledby="oubli-legende">
              <legend className="fr-fieldset__legend" id="oubli-legende">
                Recevoir un lien pour choisir un nouveau mot de passe
              </legend>
              <div className="fr-fieldset__element">
                <FormErrors errors={form.errors} />
              </div>
              <div className="fr-fieldset__element">
                <InputField
                  field={fields.email}
                  label="Adresse électronique de votre compte"
                  hint="Format attendu : nom@domaine.fr"
                  type="email"
                  autoComplete="username"
                />
              </div>
              <div className="fr-fieldset__element">
                <ul className="fr-btns-group">
                  <li>
                    <button className="fr-btn" type="submit">
                      Recevoir le lien
                    </button>
                  </li>
                </ul>
                <p>
                  <a className="fr-link" href="/connexion">
                    Retour à la connexion
                  </a>
                </p>
              </div>
            </fieldset>
          </Form>
        )}
      </div>
    </div>
  );
}
