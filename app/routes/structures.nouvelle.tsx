import { redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { parseForm } from "../../src/platform/form.server";
import { createStructure } from "../../src/structures/create-structure.server";
import { listParentCandidates } from "../../src/structures/list-structures.server";
import { structureSchema } from "../../src/structures/structures.schema";
import { StructureForm } from "../components/structures/StructureForm";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/structures.nouvelle";

export const meta: Route.MetaFunction = () => [{ title: "Ajouter une structure — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "structure:write");
  const parents = await listParentCandidates(actor);
  return { parents: parents.map((p) => ({ value: p.id, label: `${p.nom} (${p.departement})` })) };
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "structure:write");
  const { submission } = await parseForm(request, structureSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () => createStructure(actor, submission.value));
  if (!result.ok) return result.response;
  return redirect(`/structures/${result.value}?enregistre=1`);
}

export default function NouvelleStructure({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>Ajouter une structure</h1>
        <StructureForm
          lastResult={actionData?.lastResult}
          parents={loaderData.parents}
          submitLabel="Enregistrer la structure"
          cancelHref="/structures"
        />
      </div>
    </div>
  );
}
