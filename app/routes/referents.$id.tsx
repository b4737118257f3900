import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { z } from "zod";
import { orErrorPage, requirePermission } from "../../src/acces/guards.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { text, uuid } from "../../src/platform/validation";
import { partenaireLabel } from "../../src/referentiel/partenaires";
import { confirmReferentGroup } from "../../src/saisines/confirm-referent-group.server";
import { getGroupForEdit } from "../../src/saisines/get-group-for-edit.server";
import { removeGroupMember } from "../../src/saisines/remove-group-member.server";
import { requireGroupEditor } from "../../src/saisines/require-group-editor.server";
import { referentGroupSchema } from "../../src/saisines/saisines.schema";
import { setGroupMember } from "../../src/saisines/set-group-member.server";
import { updateReferentGroup } from "../../src/saisines/update-referent-group.server";
import { departementLabel } from "../../src/territoire/territoire";
import { longDateTime } from "../components/format";
import { FormErrors, InputField, SelectField } from "../components/forms/fields";
import { CheckboxField, TextareaField } from "../components/usagers/fields";
import { invalid, runForForm } from "../form-reply.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/referents.$id";

export const meta: Route.MetaFunction = () => [{ title: "Groupe de référents — Guichet" }];

const updateSchema = referentGroupSchema
  .omit({ departement: true, partnerKey: true })
  .extend({ intent: z.literal("update") });
const memberSchema = z.object({
  intent: z.literal("member"),
  userId: uuid("Choisissez un référent."),
  fonction: text().trim().max(150).optional(),
  telephoneDirect: text().trim().max(30).optional(),
  domaines: text().trim().max(300).optional(),
});
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    updateSchema,
    memberSchema,
    z.object({ intent: z.literal("confirm") }),
    z.object({ intent: z.literal("remove"), userId: uuid() }),
  ],
  { error: "Action inconnue." },
);

const HISTORY_LABELS: Record<string, string> = {
  created: "Création",
  updated: "Modification",
  member_added: "Membre ajouté",
  member_removed: "Membre retiré",
  member_updated: "Membre modifié",
  confirmed: "Confirmation",
  confirmation_requested: "Demande de confirmation annuelle",
};

/** The group's page: its coordinateur and its members edit it, confirm it, manage members. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "referents:manage");
  const id = routeId(request, params);
  const view = await orErrorPage(request, () => getGroupForEdit(actor, id));
  return {
    ...view,
    departementLibelle: departementLabel(view.group.departement),
    partenaire: partenaireLabel(view.group.partnerKey),
    lastConfirmedAt: view.group.lastConfirmedAt.toISOString(),
    history: view.history.map((entry) => ({
      id: entry.id,
      change: HISTORY_LABELS[entry.change] ?? entry.change,
      detail: entry.change.startsWith("member") ? null : entry.detail,
      at: entry.at.toISOString(),
    })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "referents:manage");
  const id = routeId(request, params);
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  await orErrorPage(request, () => requireGroupEditor(actor, id));
  const { submission } = await parseForm(request, actionSchema);
  if (submission.status !== "success") return invalid(submission);
  const value = submission.value;
  const result = await runForForm(submission, async () => {
    if (value.intent === "update") await updateReferentGroup(actor, id, value, context);
    else if (value.intent === "member") await setGroupMember(actor, id, value, context);
    else if (value.intent === "remove") await removeGroupMember(actor, id, value.userId, context);
    else await confirmReferentGroup(actor, id, context);
  });
  if (!result.ok) return result.response;
  return redirect(`/referents/${id}`);
}

export default function ReferentGroup({ loaderData: v }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "groupe",
    lastResult: actionData?.lastResult as never,
    defaultValue: {
      nom: v.group.nom,
      mailbox: v.group.mailbox,
      emergencyPhones: v.group.emergencyPhones ?? "",
      instructions: v.group.instructions ?? "",
      coversWholeDepartement: v.group.coversWholeDepartement ? "on" : "",
      firstAnswerDays: String(v.group.firstAnswerDays),
      resolutionDays: String(v.group.resolutionDays),
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: actionSchema }),
  });
  const [memberForm, memberFields] = useForm({
    id: "membre",
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: actionSchema }),
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <p>
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/referents">
            Annuaire des référents
          </a>
        </p>
        <h1>{v.group.nom}</h1>
        <p>
          {v.partenaire} — {v.departementLibelle}. Dernière confirmation : {longDateTime(v.lastConfirmedAt)}.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          <button className="fr-btn fr-btn--secondary" type="submit">
            Confirmer que ces informations sont à jour
          </button>
        </Form>
        <Form method="post" {...getFormProps(form)}>
          <h2>Coordonnées et consignes</h2>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="update" />
          <InputField field={fields.nom} label="Nom du groupe" />
          <InputField field={fields.mailbox} label="Boîte aux lettres partagée" type="email" />
          <InputField field={fields.emergencyPhones} label="Numéros d’urgence (jamais communiqués au public)" />
          <TextareaField field={fields.instructions} label="Consignes du partenaire aux structures" />
          <CheckboxField field={fields.coversWholeDepartement} label="Couvre toutes les structures du département" />
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">
              Structures couvertes (si le groupe ne couvre pas tout le département)
            </legend>
            {v.departementStructures.map((structure) => (
              <div className="fr-fieldset__element" key={structure.id}>
                <div className="fr-checkbox-group">
                  <input
                    type="checkbox"
                    id={`structure-${structure.id}`}
                    name="structureIds"
                    value={structure.id}
                    defaultChecked={v.structureIds.includes(structure.id)}
                  />
                  <label className="fr-label" htmlFor={`structure-${structure.id}`}>
                    {structure.nom}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          <InputField field={fields.firstAnswerDays} label="Délai de première réponse (jours ouvrés)" type="number" />
          <InputField field={fields.resolutionDays} label="Délai de résolution (jours ouvrés)" type="number" />
          <button className="fr-btn" type="submit">
            Enregistrer
          </button>
        </Form>
        <h2>Membres</h2>
        {v.members.length === 0 ? (
          <p>Aucun membre.</p>
        ) : (
          <ul>
            {v.members.map((member) => (
              <li key={member.userId}>
                {member.prenom} {member.nom} — {member.fonction ?? "fonction non précisée"} —{" "}
                {member.telephoneDirect ?? "pas de ligne directe"} — {member.email}
                <Form method="post" className="fr-mb-1w">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                    Retirer {member.prenom} {member.nom}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {v.candidates.length > 0 && (
          <Form method="post" {...getFormProps(memberForm)}>
            <h3>Ajouter un membre</h3>
            <input type="hidden" name="intent" value="member" />
            <SelectField
              field={memberFields.userId}
              label="Référent"
              options={v.candidates.map((c) => ({ value: c.userId, label: `${c.prenom} ${c.nom}` }))}
            />
            <InputField field={memberFields.fonction} label="Fonction" />
            <InputField field={memberFields.telephoneDirect} label="Téléphone direct" type="tel" />
            <InputField field={memberFields.domaines} label="Domaines de compétence" />
            <button className="fr-btn fr-btn--secondary" type="submit">
              Ajouter
            </button>
          </Form>
        )}
        <h2>Historique des modifications</h2>
        <ul>
          {v.history.map((entry) => (
            <li key={entry.id}>
              {longDateTime(entry.at)} — {entry.change}
              {entry.detail ? ` (${entry.detail})` : ""}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
