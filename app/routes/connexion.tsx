import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData, useSearchParams } from "react-router";
import { requireAnonymous } from "../../src/acces/guards.server";
import { loginSchema } from "../../src/auth/auth.schema";
import { login } from "../../src/auth/login.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, safeRedirectPath, userAgent } from "../../src/platform/http.server";
import { FormErrors, InputField, Notice } from "../components/forms/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/connexion";

export const meta: Route.MetaFunction = () => [{ title: "Connexion — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  await requireAnonymous(request);
  const { submission } = await parseForm(request, loginSchema);
  if (submission.status !== "success") return invalid(submission, { hideFields: ["password"] });
  const result = await runForForm(
    submission,
    () => login({ ...submission.value, ip: clientIp(request), userAgent: userAgent(request) }),
    ["password"],
  );
  if (!result.ok) return result.response;
  const target = safeRedirectPath(submission.value.redirectTo);
  const carry = target === "/" ? "" : `?redirectTo=${encodeURIComponent(target)}`;
  const next =
    result.value.next === "verify_totp"
      ? `/connexion/verification${carry}`
      : result.value.next === "enroll_totp"
        ? `/compte/double-authentification${carry}`
        : target;
  return redirect(next, { headers: { "Set-Cookie": result.value.cookie } });
}

export default function Connexion() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as never,
    shouldValidate: "onBlur",
    // Errors clear while typing: a message vanishing on blur would move the button under the pointer.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Guichet</h1>
        {searchParams.get("motif") === "reinitialise" && (
          <Notice kind="success">Votre mot de passe a été modifié. Vous pouvez vous connecter.</Notice>
        )}
        {searchParams.get("motif") === "invitation" && (
          <Notice kind="success">
            Votre compte est créé. Connectez-vous avec votre adresse électronique et le mot de passe choisi.
          </Notice>
        )}
        <Form method="post" {...getFormProps(form)}>
          <fieldset className="fr-fieldset" aria-labelledby="connexion-legende">
            <legend className="fr-fieldset__legend" id="connexion-legende">
              Se connecter avec son adresse électronique
            </legend>
            <div className="fr-fieldset__element">
              <FormErrors errors={form.errors} />
            </div>
            <div className="fr-fieldset__element">
              <InputField
                field={fields.email}
                label="Adresse électronique"
                hint="Format attendu : nom@domaine.fr"
                type="email"
                autoComplete="username"
              />
            </div>
            <div className="fr-fieldset__element">
              <InputField
                field={fields.password}
                label="Mot de passe"
                type="password"
                autoComplete="current-password"
              />
            </div>
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
            <div className="fr-fieldset__element">
              <ul className="fr-btns-group">
                <li>
                  <button className="fr-btn" type="submit">
                    Se connecter
                  </button>
                </li>
              </ul>
              <p>
                <a className="fr-link" href="/mot-de-passe-oublie">
                  Mot de passe oublié ?
                </a>
              </p>
            </div>
          </fieldset>
        </Form>
      </div>
    </div>
  );
}
