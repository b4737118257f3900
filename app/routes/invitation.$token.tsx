import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requirePublic } from "../../src/acces/guards.server";
import { newPasswordSchema } from "../../src/auth/auth.schema";
import { acceptInvitation } from "../../src/comptes/accept-invitation.server";
import { describeInvitation } from "../../src/comptes/describe-invitation.server";
import { ERROR_MESSAGES } from "../../src/platform/app-error";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { FormErrors, Notice } from "../components/forms/fields";
import { NewPasswordFields } from "../components/forms/NewPasswordFields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/invitation.$token";

export const meta: Route.MetaFunction = () => [{ title: "Créer votre compte — Guichet" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePublic(request);
  return { invitation: await describeInvitation(params.token) };
}

export async function action({ request, params }: Route.ActionArgs) {
  requirePublic(request);
  const hidden = ["password", "confirmation"];
  const { submission } = await parseForm(request, newPasswordSchema);
  if (submission.status !== "success") return invalid(submission, { hideFields: hidden });
  const result = await runForForm(
    submission,
    () =>
      acceptInvitation(
        params.token,
        { password: submission.value.password },
        { ip: clientIp(request), userAgent: userAgent(request) },
      ),
    hidden,
  );
  if (!result.ok) return result.response;
  return redirect("/connexion?motif=invitation");
}

export default function Invitation({ loaderData }: Route.ComponentProps) {
  const { invitation } = loaderData;
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as SubmissionResult<string[]> | undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newPasswordSchema }),
  });
  if (!invitation) {
    return (
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Invitation</h1>
          <Notice kind="error">{ERROR_MESSAGES["auth.invalid_token"]}</Notice>
          <p>
            Demandez une nouvelle invitation à la personne qui vous l’avait adressée. Si vous avez déjà créé votre
            compte, connectez-vous.
          </p>
          <p>
            <a className="fr-link" href="/connexion">
              Se connecter
            </a>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Créer votre compte Guichet</h1>
        <p>Une invitation vous a été adressée pour rejoindre Guichet avec le rôle suivant :</p>
        <ul>
          <li>Rôle : {invitation.roleLabel}</li>
          <li>Périmètre : {invitation.scopeLabel}</li>
        </ul>
        <p>
          Choisissez votre mot de passe. Vous vous connecterez ensuite avec l’adresse électronique qui a reçu
          l’invitation.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <fieldset className="fr-fieldset" aria-labelledby="invitation-legende">
            <legend className="fr-fieldset__legend" id="invitation-legende">
              Votre mot de passe
            </legend>
            <div className="fr-fieldset__element">
              <FormErrors errors={form.errors} />
            </div>
            <NewPasswordFields password={fields.password} confirmation={fields.confirmation} label="Mot de passe" />
            <div className="fr-fieldset__element">
              <ul className="fr-btns-group">
                <li>
                  <button className="fr-btn" type="submit">
                    Créer mon compte
                  </button>
                </li>
              </ul>
            </div>
          </fieldset>
        </Form>
      </div>
    </div>
  );
}
