import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, useActionData } from "react-router";
import type { Actor } from "../../src/acces/actor.server";
import { errorResponse, requirePermission } from "../../src/acces/guards.server";
import { CANAUX_PRESENTIELS } from "../../src/accueil/accueil.labels";
import { passageSchema } from "../../src/accueil/accueil.schema";
import { addSollicitations } from "../../src/accueil/add-sollicitations.server";
import { ajoutSollicitationsSchema } from "../../src/accueil/corrections.schema";
import { linkWaitToPassage, waitingSecondsFor } from "../../src/accueil/file-attente-call.server";
import { getPassage, type PassageDetail } from "../../src/accueil/get-passage.server";
import { usableLocalPartners } from "../../src/accueil/local-partners.server";
import { parseQuickPickParam, quickPicks } from "../../src/accueil/quick-picks.server";
import { recordingStructure, recordPassage } from "../../src/accueil/record-passage.server";
import { isAppError } from "../../src/platform/app-error";
import { readFormData } from "../../src/platform/form.server";
import { idempotencyKeySchema } from "../../src/platform/validation";
import { requireStructure } from "../../src/structures/get-structure.server";
import { runAccueilForm, withStartInstant } from "../components/accueil/accueil-form.server";
import { applyQuickPick, emptyDemande } from "../components/accueil/demande";
import { canalLabel, type DemandeSummary, demandeLabel, demandesCount } from "../components/accueil/labels";
import { PassageForm } from "../components/accueil/PassageForm";
import { clockTime } from "../components/format";
import { Notice } from "../components/forms/fields";
import { invalid } from "../form-reply.server";
import type { Route } from "./+types/accueil";

export const meta: Route.MetaFunction = () => [{ title: "Accueil du public — Guichet" }];

type PassageSummary = { id: string; startedAt: string; canal: string; demandes: DemandeSummary[] };

function summary(passage: Extract<PassageDetail, { deleted: false }>): PassageSummary {
  return {
    id: passage.id,
    startedAt: passage.startedAt,
    canal: passage.canal,
    demandes: passage.sollicitations.map(({ horsPartenaires, partenaires, partenairesLocaux, situations }) => ({
      horsPartenaires,
      partenaires,
      partenairesLocaux,
      situations,
    })),
  };
}

/** A recorded passage the actor may see, or null (unknown, out of scope, deleted). */
async function findPassage(actor: Actor, id: string | null) {
  if (!id) return null;
  try {
    const passage = await getPassage(actor, id);
    return passage.deleted ? null : passage;
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "accueil:record");
  let structureId: string;
  try {
    structureId = recordingStructure(actor);
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error.code, error.status);
    throw error;
  }
  const url = new URL(request.url);
  const fileAttenteId = url.searchParams.get("fileAttente");
  const [structure, locaux, picks, saved, target, attenteSecondes] = await Promise.all([
    requireStructure(request, actor, structureId),
    usableLocalPartners(actor, structureId),
    quickPicks(actor, structureId),
    findPassage(actor, url.searchParams.get("enregistre")),
    findPassage(actor, url.searchParams.get("ajout")),
    fileAttenteId ? waitingSecondsFor(actor, fileAttenteId) : null,
  ]);
  const ajoutDemande = url.searchParams.has("ajout");
  const ajout = target?.canCorrect ? summary(target) : null;
  return {
    structure: { id: structure.id, nom: structure.nom },
    locaux,
    quickPicks: picks,
    raccourci: parseQuickPickParam(url.searchParams.get("raccourci")),
    saved: saved
      ? {
          ...summary(saved),
          added: url.searchParams.get("demande") === "ajoutee",
          // Issue 13: a demand marked « À escalader » offers its saisine right in the confirmation.
          escalades: saved.sollicitations
            .filter((demande) => demande.issue === "a_escalader" && !demande.horsPartenaires)
            .map((demande) => ({
              id: demande.id,
              position: demande.position,
              partnerKey: demande.partenaires[0] ?? "",
            })),
        }
      : null,
    ajout,
    ajoutRefused: ajoutDemande && !ajout,
    /** A person called from the waiting list: their measured wait goes with the passage. */
    appel: fileAttenteId && attenteSecondes !== null && !ajout ? { id: fileAttenteId, attenteSecondes } : null,
    idempotencyKey: randomUUID(),
    formKey: url.search,
  };
}

const PASSAGE_FIELDS = [
  "debut",
  "dureeMinutes",
  "canal",
  "avecRdv",
  "trancheAge",
  "genre",
  "communeResidence",
  "premiereVisite",
  "equipements",
];

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "accueil:record");
  const formData = withStartInstant(await readFormData(request));
  if (formData.has("passageId")) {
    const submission = parseWithZod(formData, { schema: ajoutSollicitationsSchema });
    if (submission.status !== "success") return invalid(submission);
    const { passageId, sollicitations } = submission.value;
    const result = await runAccueilForm(submission, [], () => addSollicitations(actor, passageId, sollicitations));
    if (!result.ok) return result.response;
    return redirect(`/accueil?enregistre=${passageId}&demande=ajoutee`);
  }
  const submission = parseWithZod(formData, { schema: passageSchema });
  if (submission.status !== "success") return invalid(submission);
  const key = formData.get("cle");
  const idempotencyKey = typeof key === "string" && idempotencyKeySchema.safeParse(key).success ? key : null;
  // Called from the waiting list: the measured wait is stored when the usager was there in person.
  const fileAttente = formData.get("fileAttente");
  const presentiel = (CANAUX_PRESENTIELS as readonly string[]).includes(submission.value.canal);
  const attenteSecondes =
    typeof fileAttente === "string" && presentiel ? await waitingSecondsFor(actor, fileAttente) : null;
  // The form records in the current structure; a structure sent by hand is checked by recordPassage.
  const result = await runAccueilForm(submission, PASSAGE_FIELDS, () =>
    recordPassage(actor, submission.value, { idempotencyKey, attenteSecondes }),
  );
  if (!result.ok) return result.response;
  if (attenteSecondes !== null && typeof fileAttente === "string")
    await linkWaitToPassage(fileAttente, result.value.id);
  return redirect(`/accueil?enregistre=${result.value.id}`);
}

export default function Accueil({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const {
    structure,
    locaux,
    quickPicks: picks,
    raccourci,
    saved,
    ajout,
    ajoutRefused,
    appel,
    idempotencyKey,
    formKey,
  } = loaderData;
  const initial = raccourci ? applyQuickPick(emptyDemande(), raccourci) : emptyDemande();
  return (
    <>
      <h1>
        Accueil du public <span className="fr-text--lead fr-mb-0">— {structure.nom}</span>
      </h1>

      {saved && (
        <div className="fr-alert fr-alert--success fr-mb-4w" role="status">
          <h2 className="fr-alert__title">{saved.added ? "Demande ajoutée au passage" : "Passage enregistré"}</h2>
          <p>
            {clockTime(saved.startedAt)}, {canalLabel(saved.canal).toLowerCase()} —{" "}
            {demandesCount(saved.demandes.length)} : {saved.demandes.map(demandeLabel).join(" ; ")}.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mt-2w">
            {saved.escalades.map((demande) => (
              <li key={demande.id}>
                <a
                  className="fr-btn"
                  href={`/saisines/nouvelle?sollicitation=${demande.id}${demande.partnerKey ? `&partenaire=${demande.partnerKey}` : ""}`}
                >
                  Saisir le référent du partenaire
                  {saved.escalades.length > 1 ? ` (demande ${demande.position})` : ""}
                </a>
              </li>
            ))}
            <li>
              <a className="fr-btn" href={`/accueil?ajout=${saved.id}`}>
                Ajouter une autre demande pour la même personne
              </a>
            </li>
            <li>
              <a className="fr-btn fr-btn--secondary" href="/accueil">
                Nouveau passage
              </a>
            </li>
            <li>
              <a className="fr-btn fr-btn--tertiary" href={`/accueil/passages/${saved.id}`}>
                Voir ou corriger le passage
              </a>
            </li>
          </ul>
        </div>
      )}

      {ajoutRefused && (
        <Notice kind="warning">
          Ce passage n’accepte plus de demande : il a été supprimé, date de plus de 30 jours, ou n’est pas dans votre
          périmètre. Enregistrez un nouveau passage.
        </Notice>
      )}

      {ajout ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Autre demande pour la même personne</h2>
          <p className="fr-callout__text">
            Elle s’ajoute au passage de {clockTime(ajout.startedAt)} ({canalLabel(ajout.canal).toLowerCase()}), qui
            compte déjà {demandesCount(ajout.demandes.length)} : {ajout.demandes.map(demandeLabel).join(" ; ")}. Le
            canal, l’heure et le profil restent ceux du passage.
          </p>
        </div>
      ) : (
        <h2 className="fr-h4">Nouveau passage</h2>
      )}
      {appel && (
        <Notice kind="info">{`Personne appelée depuis la file d’attente : ${Math.max(1, Math.round(appel.attenteSecondes / 60))} min d’attente, enregistrées avec ce passage s’il a lieu sur place.`}</Notice>
      )}

      <PassageForm
        key={formKey}
        mode={ajout ? "ajout" : "nouveau"}
        formId={ajout ? "demande-ajoutee" : "passage"}
        lastResult={actionData?.lastResult}
        initialDemandes={[initial]}
        locaux={locaux}
        quickPicks={picks}
        quickPickHidden={ajout ? { ajout: ajout.id } : appel ? { fileAttente: appel.id } : {}}
        hidden={appel ? { fileAttente: appel.id } : {}}
        passageId={ajout?.id}
        idempotencyKey={ajout ? undefined : idempotencyKey}
        submitLabel={ajout ? "Ajouter la demande" : "Enregistrer"}
        cancel={ajout ? { href: "/accueil", label: "Nouveau passage" } : undefined}
      />
    </>
  );
}
