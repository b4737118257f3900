import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { inviteSchema } from "../../src/comptes/invitations.schema";
import { inviteUser } from "../../src/comptes/invite-user.server";
import { roleFormOptions } from "../../src/comptes/role-form-options.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { RoleScopeFields } from "../components/comptes/RoleScopeFields";
import { FormErrors, InputField, Notice } from "../components/forms/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/utilisateurs.inviter";

export const meta: Route.MetaFunction = () => [{ title: "Inviter une personne — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "user:invite");
  return { options: await roleFormOptions(actor) };
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "user:invite");
  const { submission } = await parseForm(request, inviteSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () =>
    inviteUser(actor, submission.value, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/utilisateurs?motif=${result.value.kind === "invited" ? "invitation-envoyee" : "role-attribue"}`);
}

export default function InviterUtilisateur({ loaderData }: Route.ComponentProps) {
  const { options } = loaderData;
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as SubmissionResult<string[]> | undefined,
    defaultValue: { startsOn: options.today },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>Inviter une personne</h1>
        <p>
          La personne reçoit par courriel un lien, valable 7 jours, pour créer son compte. Si elle a déjà un compte
          Guichet, le rôle lui est attribué tout de suite et elle en est informée par courriel.
        </p>
        {options.roles.length === 0 ? (
          <Notice kind="warning">Vous n’avez aucun rôle à attribuer sur votre périmètre actuel.</Notice>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <p className="fr-hint-text">Sauf mention « facultatif », tous les champs sont obligatoires.</p>
            <fieldset className="fr-fieldset" aria-labelledby="invitation-personne">
              <legend className="fr-fieldset__legend" id="invitation-personne">
                Personne invitée
              </legend>
              <div className="fr-fieldset__element">
                <InputField field={fields.prenom} label="Prénom" autoComplete="off" />
              </div>
              <div className="fr-fieldset__element">
                <InputField field={fields.nom} label="Nom" autoComplete="off" />
              </div>
              <div className="fr-fieldset__element">
                <InputField
                  field={fields.email}
                  label="Adresse électronique"
                  hint="Format attendu : nom@domaine.fr"
                  type="email"
                  autoComplete="off"
                />
              </div>
            </fieldset>
            <RoleScopeFields fields={fields} options={options} idPrefix="invitation" />
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button className="fr-btn" type="submit">
                  Envoyer l’invitation
                </button>
              </li>
              <li>
                <a className="fr-btn fr-btn--secondary" href="/utilisateurs">
                  Annuler
                </a>
              </li>
            </ul>
          </Form>
        )}
      </div>
    </div>
  );
}
