import { redirect, useActionData } from "react-router";
import { forbidden, orErrorPage, requirePermission } from "../../src/acces/guards.server";
import { rolesGrant } from "../../src/acces/permissions";
import { parseForm } from "../../src/platform/form.server";
import { requireStructure } from "../../src/structures/get-structure.server";
import { listParentCandidates } from "../../src/structures/list-structures.server";
import { structureContactsSchema, structureSchema } from "../../src/structures/structures.schema";
import { updateStructure } from "../../src/structures/update-structure.server";
import { updateStructureContacts } from "../../src/structures/update-structure-contacts.server";
import { communeLabel } from "../../src/territoire/territoire";
import { StructureContactsForm } from "../components/structures/StructureContactsForm";
import { StructureForm, type StructureFormDefaults } from "../components/structures/StructureForm";
import { invalid, runForForm } from "../form-reply.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/structures.$id.modifier";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Modifier ${data?.structure.nom ?? "la structure"} — Guichet` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "structure:write_contacts");
  const id = routeId(request, params);
  const structure = await requireStructure(request, actor, id);
  if (!rolesGrant(actor.roles, "structure:write")) {
    // The responsable: her own structure's public contacts only.
    if (!actor.responsableStructureIds.includes(structure.id)) forbidden(request);
    return {
      contactsOnly: true as const,
      structure: { id: structure.id, nom: structure.nom },
      contacts: { telephone: structure.telephone ?? "", email: structure.email ?? "" },
    };
  }
  const parents = await listParentCandidates(actor, structure.id);
  const defaults: StructureFormDefaults = {};
  for (const key of Object.keys(structureSchema.shape) as Array<keyof typeof structureSchema.shape>) {
    const value = structure[key];
    if (typeof value === "string" && value !== "") defaults[key] = value;
  }
  return {
    contactsOnly: false as const,
    structure: { id: structure.id, nom: structure.nom },
    defaults,
    communeActuelle: communeLabel(structure.communeInsee),
    parents: parents.map((p) => ({ value: p.id, label: `${p.nom} (${p.departement})` })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "structure:write_contacts");
  const id = routeId(request, params);
  const structure = await requireStructure(request, actor, id);
  if (!rolesGrant(actor.roles, "structure:write")) {
    const { submission } = await parseForm(request, structureContactsSchema);
    if (submission.status !== "success") return invalid(submission);
    await orErrorPage(request, () => updateStructureContacts(actor, structure.id, submission.value));
    return redirect(`/structures/${structure.id}?enregistre=1`);
  }
  const { submission } = await parseForm(request, structureSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () => updateStructure(actor, structure.id, submission.value));
  if (!result.ok) return result.response;
  return redirect(`/structures/${structure.id}?enregistre=1`);
}

export default function ModifierStructure({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  if (loaderData.contactsOnly) {
    const { structure, contacts } = loaderData;
    return (
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>Coordonnées publiques de {structure.nom}</h1>
          <p>
            Le téléphone et l’adresse électronique que voient les usagers et les partenaires. Le nom, l’adresse et le
            label relèvent de votre coordinateur départemental.
          </p>
          <StructureContactsForm
            lastResult={actionData?.lastResult}
            defaultValue={contacts}
            cancelHref={`/structures/${structure.id}`}
          />
        </div>
      </div>
    );
  }
  const { structure, defaults, parents, communeActuelle } = loaderData;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>Modifier la structure {structure.nom}</h1>
        <StructureForm
          lastResult={actionData?.lastResult}
          defaultValue={defaults}
          parents={parents}
          communeActuelle={communeActuelle}
          submitLabel="Enregistrer les modifications"
          cancelHref={`/structures/${structure.id}`}
        />
      </div>
    </div>
  );
}
