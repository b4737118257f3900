import { redirect } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { eraseUsager } from "../../src/droits-usager/erase-usager.server";
import { formIntent } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { addIdentifiant } from "../../src/usagers/add-identifiant.server";
import { deleteIdentifiant } from "../../src/usagers/delete-identifiant.server";
import { findUsager, getUsagerFile } from "../../src/usagers/get-usager.server";
import { mergeUsagers } from "../../src/usagers/merge-usagers.server";
import { revealIdentifiant } from "../../src/usagers/reveal-identifiant.server";
import { updateUsager } from "../../src/usagers/update-usager.server";
import { IDENTIFIANT_TYPES } from "../../src/usagers/usagers.labels";
import {
  eraseSchema,
  identifiantRefSchema,
  identifiantSchema,
  mergeSchema,
  usagerFieldsSchema,
} from "../../src/usagers/usagers.schema";
import { longDateTime } from "../components/format";
import { Notice } from "../components/forms/fields";
import { errorMessages, useIntentReply } from "../components/forms/intent-reply";
import { UnsavedChangesGuard } from "../components/forms/UnsavedChangesGuard";
import { DuplicatesSection } from "../components/usagers/DuplicatesSection";
import { EraseForm } from "../components/usagers/EraseForm";
import { IdentifiantForm } from "../components/usagers/IdentifiantForm";
import { IdentifiantsTable } from "../components/usagers/IdentifiantsTable";
import { RectificationForm } from "../components/usagers/RectificationForm";
import { UsagerDemarchesTable } from "../components/usagers/UsagerDemarchesTable";
import { UsagerMandatsTable } from "../components/usagers/UsagerMandatsTable";
import { dispatchForm } from "../form-reply.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/usagers.$id";

export const meta: Route.MetaFunction = () => [{ title: "Fiche usager — Guichet" }];

const NOTICES: Record<string, string> = {
  cree: "La fiche a été créée. Vous pouvez ouvrir une démarche.",
  modifie: "La fiche a été rectifiée.",
  identifiant: "L’identifiant a été enregistré, chiffré.",
  "identifiant-supprime": "L’identifiant a été supprimé.",
  fusionne: "Les deux fiches ont été fusionnées.",
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const file = await orErrorPage(request, () =>
    getUsagerFile(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  const motif = new URL(request.url).searchParams.get("motif") ?? "";
  return { file, notice: NOTICES[motif] ?? null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  await orErrorPage(request, () => findUsager(actor, id));
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  const back = (motif: string) => redirect(`/usagers/${id}?motif=${motif}`);
  return dispatchForm(request, {
    modifier: formIntent(usagerFieldsSchema, async (value) => {
      await updateUsager(actor, id, value, context);
      return back("modifie");
    }),
    identifiant: formIntent(
      identifiantSchema,
      async (value) => {
        await addIdentifiant(actor, id, value, context);
        return back("identifiant");
      },
      { hideFields: ["valeur"] },
    ),
    reveler: formIntent(identifiantRefSchema, async ({ identifiantId }) => {
      const revealed = await orErrorPage(request, () => revealIdentifiant(actor, id, identifiantId, context));
      return { intent: "reveler", revealed };
    }),
    "supprimer-identifiant": formIntent(identifiantRefSchema, async ({ identifiantId }) => {
      await orErrorPage(request, () => deleteIdentifiant(actor, id, identifiantId, context));
      return back("identifiant-supprime");
    }),
    fusionner: formIntent(mergeSchema, async ({ duplicateId }) => {
      await mergeUsagers(actor, id, duplicateId, context);
      return back("fusionne");
    }),
    effacer: formIntent(eraseSchema, async () => {
      await eraseUsager(actor, id, context);
      return redirect("/usagers?motif=efface");
    }),
  });
}

type Revealed = { id: string; type: string; valeur: string };

export default function Usager({ loaderData }: Route.ComponentProps) {
  const { file, notice } = loaderData;
  const { usager } = file;
  const { reply, resultFor } = useIntentReply<{ revealed: Revealed }>();
  const openDemarches = file.demarches
    .filter((demarche) => !demarche.closed)
    .map((demarche) => ({ value: demarche.id, label: demarche.titre }));
  return (
    <>
      <p>
        <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/usagers">
          Retour aux usagers
        </a>
      </p>
      <h1>
        {usager.nom.toUpperCase()} {usager.prenom}
      </h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <UnsavedChangesGuard />
      <p>
        Notice d’information remise le {longDateTime(usager.noticeRemiseAt)}.{" "}
        <a className="fr-link" href={`/usagers/${usager.id}/notice`}>
          Revoir la notice
        </a>
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <a className="fr-btn fr-icon-add-line" href={`/demarches/nouvelle?usager=${usager.id}`}>
            Nouvelle démarche
          </a>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary fr-icon-draft-line" href={`/mandats/nouveau?usager=${usager.id}`}>
            Nouveau mandat
          </a>
        </li>
      </ul>

      <h2>Démarches</h2>
      <UsagerDemarchesTable demarches={file.demarches} />

      <h2>Mandats</h2>
      <UsagerMandatsTable mandats={file.mandats} />

      <h2>Identité et contact</h2>
      <p className="fr-text--sm">
        Droit de rectification : corrigez ici toute information inexacte. La modification est inscrite au journal.
      </p>
      <RectificationForm usager={usager} lastResult={resultFor("modifier")} />

      <h2 className="fr-mt-4w">Identifiants auprès des organismes</h2>
      <p className="fr-text--sm">
        Enregistrés seulement si une démarche en cours en a besoin, chiffrés, masqués. Chaque affichage en clair est
        inscrit au journal. Ne notez jamais d’identifiant de connexion ni de mot de passe.
      </p>
      {reply?.revealed && (
        <Notice kind="info" title="Identifiant affiché">
          <p>
            {IDENTIFIANT_TYPES[reply.revealed.type as keyof typeof IDENTIFIANT_TYPES]?.label ?? reply.revealed.type} :{" "}
            <strong>{reply.revealed.valeur}</strong>
          </p>
        </Notice>
      )}
      {file.identifiants.length > 0 && <IdentifiantsTable identifiants={file.identifiants} />}
      {openDemarches.length > 0 ? (
        <IdentifiantForm demarches={openDemarches} lastResult={resultFor("identifiant")} />
      ) : (
        <p>Ouvrez d’abord une démarche : un identifiant n’est enregistré que pour une démarche qui en a besoin.</p>
      )}

      <h2 className="fr-mt-4w">Droits de l’usager</h2>
      <h3 className="fr-h6">Accès : copie de toutes ses données</h3>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <a
            className="fr-btn fr-btn--secondary fr-icon-file-pdf-line"
            href={`/usagers/${usager.id}/export.pdf`}
            target="_blank"
            rel="noopener"
          >
            Exporter en PDF (nouvelle fenêtre)
          </a>
        </li>
        <li>
          <a
            className="fr-btn fr-btn--secondary fr-icon-download-line"
            href={`/usagers/${usager.id}/export.json`}
            download
          >
            Exporter en JSON
          </a>
        </li>
      </ul>
      <DuplicatesSection duplicates={file.duplicates} errors={errorMessages(resultFor("fusionner"))} />
      <h3 className="fr-h6">Effacement</h3>
      {file.erasable ? (
        <EraseForm lastResult={resultFor("effacer")} />
      ) : (
        <p>Un mandat est en cours : enregistrez d’abord sa révocation, l’effacement sera ensuite possible.</p>
      )}
    </>
  );
}
