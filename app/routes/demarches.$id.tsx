import { redirect } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { addPiece } from "../../src/demarches/add-piece.server";
import {
  actionSchema,
  addPieceSchema,
  completSchema,
  passageLinkSchema,
  pieceIdSchema,
  piecesSchema,
  suiviSchema,
} from "../../src/demarches/demarches.schema";
import { findDemarche, getDemarche } from "../../src/demarches/get-demarche.server";
import { linkPassage } from "../../src/demarches/link-passage.server";
import { markComplete } from "../../src/demarches/mark-complete.server";
import { recordActionPourLeCompte } from "../../src/demarches/record-action.server";
import { removePiece } from "../../src/demarches/remove-piece.server";
import { unlinkPassage } from "../../src/demarches/unlink-passage.server";
import { updatePieces } from "../../src/demarches/update-pieces.server";
import { updateSuivi } from "../../src/demarches/update-suivi.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { DEMARCHE_STATUTS } from "../../src/donnees-personnelles/demarches.labels";
import { formIntent } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { situationLabel } from "../../src/referentiel/bouquet";
import { inactiveDestructionDate } from "../../src/retention/retention.rules";
import { demarcheSaisines } from "../../src/saisines/demarche-saisines.server";
import { labelOf } from "../../src/structures/structures.labels";
import { IdentifiantsSection } from "../components/demarches/IdentifiantsSection";
import { PassagesSection } from "../components/demarches/PassagesSection";
import { PiecesSection } from "../components/demarches/PiecesSection";
import { PourLeCompteSection } from "../components/demarches/PourLeCompteSection";
import { RendezVousSection } from "../components/demarches/RendezVousSection";
import { SuiviForm } from "../components/demarches/SuiviForm";
import { TransmissionSection } from "../components/demarches/TransmissionSection";
import { longDate } from "../components/format";
import { Notice } from "../components/forms/fields";
import { errorMessages, useIntentReply } from "../components/forms/intent-reply";
import { UnsavedChangesGuard } from "../components/forms/UnsavedChangesGuard";
import { DemarcheSaisinesSection } from "../components/saisines/DemarcheSaisinesSection";
import { StatusBadge } from "../components/usagers/fields";
import { dispatchForm } from "../form-reply.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/demarches.$id";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.demarche.titre ?? "Démarche"} — Guichet` }];

const NOTICES: Record<string, string> = {
  creee: "La démarche est ouverte.",
  suivi: "Le suivi a été enregistré.",
  pieces: "La liste des pièces a été mise à jour.",
  complet: "Le dossier est marqué complet : la fiche de transmission est prête.",
  passage: "L’historique des passages a été mis à jour.",
  action: "L’action faite pour le compte de l’usager a été enregistrée.",
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const demarche = await orErrorPage(request, () =>
    getDemarche(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  const motif = new URL(request.url).searchParams.get("motif") ?? "";
  return {
    demarche,
    saisines: await demarcheSaisines(demarche.id),
    notice: NOTICES[motif] ?? null,
    destructionOn: demarche.inactivityFlaggedAt
      ? inactiveDestructionDate(new Date(demarche.inactivityFlaggedAt)).toISOString()
      : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  await orErrorPage(request, () => findDemarche(actor, id));
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  const back = (motif: string) => redirect(`/demarches/${id}?motif=${motif}`);
  return dispatchForm(request, {
    suivi: formIntent(suiviSchema, async (value) => {
      await updateSuivi(actor, id, value, context);
      return back("suivi");
    }),
    pieces: formIntent(piecesSchema, async ({ pieces }) => {
      await updatePieces(actor, id, pieces, context);
      return back("pieces");
    }),
    "ajouter-piece": formIntent(addPieceSchema, async ({ libelle }) => {
      await addPiece(actor, id, libelle, context);
      return back("pieces");
    }),
    "retirer-piece": formIntent(pieceIdSchema, async ({ pieceId }) => {
      await removePiece(actor, id, pieceId, context);
      return back("pieces");
    }),
    complet: formIntent(completSchema, async () => {
      await markComplete(actor, id, context);
      return back("complet");
    }),
    "lier-passage": formIntent(passageLinkSchema, async ({ passageId }) => {
      await linkPassage(actor, id, passageId, context);
      return back("passage");
    }),
    "delier-passage": formIntent(passageLinkSchema, async ({ passageId }) => {
      await unlinkPassage(actor, id, passageId, context);
      return back("passage");
    }),
    action: formIntent(actionSchema, async ({ nature }) => {
      await recordActionPourLeCompte(actor, id, nature, context);
      return back("action");
    }),
  });
}

export default function Demarche({ loaderData }: Route.ComponentProps) {
  const { demarche, saisines, notice, destructionOn } = loaderData;
  const { resultFor } = useIntentReply();
  return (
    <>
      <p>
        <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/usagers/${demarche.usager.id}`}>
          Fiche de {demarche.usager.prenom} {demarche.usager.nom.toUpperCase()}
        </a>
      </p>
      <h1>{demarche.titre}</h1>
      <ul className="fr-badges-group">
        <li>
          <StatusBadge kind={demarche.closed ? "new" : "info"}>
            {labelOf(DEMARCHE_STATUTS, demarche.statut)}
          </StatusBadge>
        </li>
        {demarche.pourLeCompte && (
          <li>
            <StatusBadge kind="warning">Au nom et pour le compte de l’usager</StatusBadge>
          </li>
        )}
        {demarche.completAt && (
          <li>
            <StatusBadge kind="success">Dossier complet</StatusBadge>
          </li>
        )}
      </ul>
      {notice && <Notice kind="success">{notice}</Notice>}
      <UnsavedChangesGuard />
      {destructionOn && (
        <Notice kind="warning" title="Démarche sans activité depuis 12 mois">
          <p>
            Sans nouvelle action, elle sera close et ses données personnelles détruites le {longDate(destructionOn)}.
            Enregistrez le suivi pour la garder.
          </p>
        </Notice>
      )}
      <p>
        Partenaire : {demarche.partenaire ?? "non précisé"}
        {demarche.situationKey ? ` — ${situationLabel(demarche.situationKey)}` : ""}. Ouverte le{" "}
        {longDate(demarche.createdAt)} ; agent en charge : {demarche.agentNom}.
      </p>

      <h2>Suivi</h2>
      <SuiviForm demarche={demarche} lastResult={resultFor("suivi")} />

      <h2 className="fr-mt-4w">Pièces justificatives</h2>
      <PiecesSection
        pieces={demarche.pieces}
        closed={demarche.closed}
        saved={notice === NOTICES.pieces}
        errors={errorMessages(resultFor("pieces") ?? resultFor("ajouter-piece") ?? resultFor("retirer-piece"))}
      />

      <h2 className="fr-mt-4w">Complétude et transmission</h2>
      <TransmissionSection demarche={demarche} errors={errorMessages(resultFor("complet"))} />

      <h2 className="fr-mt-4w">Saisines du référent</h2>
      <DemarcheSaisinesSection demarcheId={demarche.id} closed={demarche.closed} saisines={saisines} />

      <h2 className="fr-mt-4w">Rendez-vous avec le partenaire</h2>
      <RendezVousSection demarche={demarche} />

      <h2 className="fr-mt-4w">Historique des passages</h2>
      <PassagesSection
        passages={demarche.passages}
        linkable={demarche.linkable}
        errors={errorMessages(resultFor("lier-passage"))}
      />

      <h2 className="fr-mt-4w">Mandat et actions pour le compte de l’usager</h2>
      <PourLeCompteSection demarche={demarche} errors={errorMessages(resultFor("action"))} />

      <IdentifiantsSection demarche={demarche} />
    </>
  );
}
