import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { forbidden, requirePermission } from "../../src/acces/guards.server";
import { rolesGrant } from "../../src/acces/permissions";
import { departementScope } from "../../src/acces/tenant-scope.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { PARTENAIRE_KEYS, PARTENAIRES_NATIONAUX, partenaireLabel } from "../../src/referentiel/partenaires";
import { actorGroupIds } from "../../src/saisines/access.server";
import { createReferentGroup } from "../../src/saisines/create-referent-group.server";
import { directoryCoverage } from "../../src/saisines/directory-coverage.server";
import { listDirectory } from "../../src/saisines/list-directory.server";
import { referentGroupSchema } from "../../src/saisines/saisines.schema";
import { departementLabel } from "../../src/territoire/territoire";
import { longDateTime } from "../components/format";
import { FormErrors, InputField, SelectField } from "../components/forms/fields";
import { DsfrTable } from "../components/tables/DsfrTable";
import { CheckboxField, StatusBadge, TextareaField } from "../components/usagers/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/referents";

export const meta: Route.MetaFunction = () => [{ title: "Annuaire des référents — Guichet" }];

const STALE_MS = 395 * 86_400_000;

/** The directory: agents see the groups covering their structures; the coordinateur also sees coverage and gaps. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "referents:read");
  const groups = await listDirectory(actor);
  const editable = new Set(await actorGroupIds(actor));
  const scope = departementScope(actor);
  const departements = scope === "all" ? [] : scope;
  const coverage = await Promise.all(
    departements.map(async (code) => ({
      code,
      libelle: departementLabel(code),
      rows: await directoryCoverage(actor, code, PARTENAIRE_KEYS),
    })),
  );
  const editsAny = rolesGrant(actor.roles, "referents:manage_any");
  const now = Date.now();
  return {
    coordinateur: departements.length > 0,
    departements: departements.map((code) => ({ value: code, label: departementLabel(code) })),
    groups: groups.map((group) => ({
      id: group.id,
      nom: group.nom,
      departement: departementLabel(group.departement),
      partenaire: partenaireLabel(group.partnerKey),
      mailbox: group.mailbox,
      emergencyPhones: group.emergencyPhones,
      instructions: group.instructions,
      couverture: group.coversWholeDepartement ? "Tout le département" : `${group.structureIds.length} structure(s)`,
      lastConfirmedAt: group.lastConfirmedAt.toISOString(),
      stale: now - group.lastConfirmedAt.getTime() > STALE_MS,
      editable: editable.has(group.id) || departements.includes(group.departement) || editsAny,
      members: group.members,
    })),
    coverage: coverage.map((dep) => ({
      ...dep,
      rows: dep.rows.map((row) => ({
        structure: row.structure.nom,
        partners: row.partners.map((p) => ({ key: p.partnerKey, groupNom: p.groupNom })),
      })),
    })),
  };
}

/** The coordinateur creates a group for a partner of their département. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "referents:manage");
  const scope = departementScope(actor);
  if (scope !== "all" && scope.length === 0) forbidden(request);
  const { submission } = await parseForm(request, referentGroupSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () =>
    createReferentGroup(actor, submission.value, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/referents/${result.value}`);
}

function CreateGroupForm({ departements }: { departements: Array<{ value: string; label: string }> }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as never,
    defaultValue: {
      departement: departements[0]?.value,
      firstAnswerDays: "3",
      resolutionDays: "15",
      coversWholeDepartement: "on",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: referentGroupSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <h2>Ajouter un groupe de référents</h2>
      <FormErrors errors={form.errors} />
      <SelectField field={fields.departement} label="Département" options={departements} placeholder={null} />
      <SelectField
        field={fields.partnerKey}
        label="Partenaire"
        options={PARTENAIRE_KEYS.map((key) => ({ value: key, label: PARTENAIRES_NATIONAUX[key].nomLong }))}
      />
      <InputField
        field={fields.nom}
        label="Nom du groupe"
        hint="Par exemple : CAF 57 – partenariats France Services."
      />
      <InputField field={fields.mailbox} label="Boîte aux lettres partagée" type="email" />
      <InputField field={fields.emergencyPhones} label="Numéros d’urgence (jamais communiqués au public)" />
      <TextareaField field={fields.instructions} label="Consignes du partenaire aux structures" />
      <CheckboxField
        field={fields.coversWholeDepartement}
        label="Couvre toutes les structures du département"
        hint="Sinon, choisissez les structures sur la page du groupe."
      />
      <InputField field={fields.firstAnswerDays} label="Délai de première réponse (jours ouvrés)" type="number" />
      <InputField field={fields.resolutionDays} label="Délai de résolution (jours ouvrés)" type="number" />
      <button className="fr-btn" type="submit">
        Ajouter le groupe
      </button>
    </Form>
  );
}

export default function Referents({ loaderData }: Route.ComponentProps) {
  const { groups, coverage, coordinateur, departements } = loaderData;
  return (
    <>
      <h1>Annuaire des référents des partenaires</h1>
      <p>
        Réservé aux structures couvertes : ne communiquez jamais ces coordonnées, ni les numéros d’urgence, au public.
      </p>
      {groups.length === 0 ? (
        <p>Aucun groupe de référents ne couvre vos structures.</p>
      ) : (
        groups.map((group) => (
          <section key={group.id} className="fr-mb-4w">
            <h2>{group.editable ? <a href={`/referents/${group.id}`}>{group.nom}</a> : group.nom}</h2>
            <p>
              {group.partenaire} — {group.departement} — {group.couverture}
            </p>
            {group.stale && <StatusBadge kind="warning">Non confirmé depuis plus de 13 mois</StatusBadge>}
            <ul>
              <li>Boîte partagée : {group.mailbox}</li>
              {group.emergencyPhones && <li>Urgences (jamais au public) : {group.emergencyPhones}</li>}
              {group.instructions && <li>Consignes : {group.instructions}</li>}
              <li>Dernière confirmation : {longDateTime(group.lastConfirmedAt)}</li>
            </ul>
            {group.members.length > 0 && (
              <DsfrTable id={`membres-${group.id}`} caption={`Membres du groupe ${group.nom}`}>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Fonction</th>
                    <th scope="col">Téléphone direct</th>
                    <th scope="col">Adresse électronique</th>
                    <th scope="col">Domaines</th>
                  </tr>
                </thead>
                <tbody>
                  {group.members.map((member) => (
                    <tr key={member.userId}>
                      <td>
                        {member.prenom} {member.nom}
                      </td>
                      <td>{member.fonction ?? "—"}</td>
                      <td>{member.telephoneDirect ?? "—"}</td>
                      <td>{member.email}</td>
                      <td>{member.domaines ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </DsfrTable>
            )}
          </section>
        ))
      )}
      {coverage.map((dep) => (
        <section key={dep.code}>
          <h2>Couverture — {dep.libelle}</h2>
          <DsfrTable
            noScroll
            id={`couverture-${dep.code}`}
            caption={`Couverture des structures par les groupes de référents des partenaires nationaux — ${dep.libelle}`}
          >
            <thead>
              <tr>
                <th scope="col">Structure</th>
                <th scope="col">Groupes qui la couvrent</th>
                <th scope="col">Partenaires nationaux sans groupe (lacunes)</th>
              </tr>
            </thead>
            <tbody>
              {dep.rows.map((row) => {
                const covered = row.partners.filter((p) => p.groupNom);
                const gaps = row.partners.filter((p) => !p.groupNom);
                return (
                  <tr key={row.structure}>
                    <th scope="row">{row.structure}</th>
                    <td>
                      {covered.length === 0
                        ? "Aucun"
                        : covered
                            .map(
                              (p) =>
                                `${PARTENAIRES_NATIONAUX[p.key as keyof typeof PARTENAIRES_NATIONAUX].label} : ${p.groupNom}`,
                            )
                            .join(" ; ")}
                    </td>
                    <td>
                      {gaps.length === 0
                        ? "Aucune"
                        : gaps
                            .map((p) => PARTENAIRES_NATIONAUX[p.key as keyof typeof PARTENAIRES_NATIONAUX].label)
                            .join(", ")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DsfrTable>
        </section>
      ))}
      {coordinateur && <CreateGroupForm departements={departements} />}
    </>
  );
}
