import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ReactNode } from "react";
import { data, Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { AUTONOMIES, EQUIPEMENTS, GENRES, ISSUES, SIGNALEMENTS, TRANCHES_AGE } from "../../src/accueil/accueil.labels";
import { passageSchema } from "../../src/accueil/accueil.schema";
import { correctPassage } from "../../src/accueil/correct-passage.server";
import { CORRECTION_WINDOW_DAYS, suppressionSchema } from "../../src/accueil/corrections.schema";
import { deletePassage } from "../../src/accueil/delete-passage.server";
import { requirePassage } from "../../src/accueil/get-passage.server";
import { usableLocalPartners } from "../../src/accueil/local-partners.server";
import { readFormData } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { typeAideLabel } from "../../src/referentiel/aides";
import { situationLabel } from "../../src/referentiel/bouquet";
import { partenaireLabel } from "../../src/referentiel/partenaires";
import { instantToParisLocal, runAccueilForm, withStartInstant } from "../components/accueil/accueil-form.server";
import type { DemandeValues } from "../components/accueil/demande";
import { canalLabel } from "../components/accueil/labels";
import { PassageForm, type PassageFormShape } from "../components/accueil/PassageForm";
import { longDateTime, longParisDate } from "../components/format";
import { FormErrors, Notice } from "../components/forms/fields";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/accueil.passages.$id";

export const meta: Route.MetaFunction = ({ data: loaderData }) => [
  {
    title:
      loaderData && !loaderData.passage.deleted
        ? `Passage du ${longDateTime(loaderData.passage.startedAt)} — Guichet`
        : "Passage — Guichet",
  },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "accueil:read_passages");
  const id = routeId(request, params);
  const passage = await requirePassage(request, actor, id);
  const url = new URL(request.url);
  const correcting = !passage.deleted && passage.canCorrect && url.searchParams.has("corriger");
  return {
    passage,
    correcting,
    locaux: correcting && !passage.deleted ? await usableLocalPartners(actor, passage.structureId) : [],
    debutLocal: passage.deleted ? "" : instantToParisLocal(new Date(passage.startedAt)),
    corrected: url.searchParams.get("enregistre") === "correction",
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

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "accueil:correct_passage");
  const id = routeId(request, params);
  // Out of scope, unknown or malformed: 404 before reading anything else.
  await requirePassage(request, actor, id);
  const formData = await readFormData(request);
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  const intent = formData.get("intent");
  if (intent === "supprimer") {
    const submission = parseWithZod(formData, { schema: suppressionSchema });
    if (submission.status !== "success")
      return data({ intent: "supprimer" as const, lastResult: submission.reply() }, { status: 400 });
    const result = await runAccueilForm(
      submission,
      ["motif"],
      () => deletePassage(actor, id, submission.value.motif, context),
      { intent: "supprimer" as const },
    );
    if (!result.ok) return result.response;
    return redirect(`/accueil/passages/${id}`);
  }
  if (intent === "corriger") {
    const submission = parseWithZod(withStartInstant(formData), { schema: passageSchema });
    if (submission.status !== "success")
      return data({ intent: "corriger" as const, lastResult: submission.reply() }, { status: 400 });
    const result = await runAccueilForm(
      submission,
      PASSAGE_FIELDS,
      () => correctPassage(actor, id, submission.value, context),
      { intent: "corriger" as const },
    );
    if (!result.ok) return result.response;
    return redirect(`/accueil/passages/${id}?enregistre=correction`);
  }
  return data({ intent: null, lastResult: null }, { status: 400 });
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

const labelOf = (labels: Record<string, string>, key: string | null, empty = "Non renseigné") =>
  key ? (labels[key] ?? key) : empty;

export default function Passage({ loaderData }: Route.ComponentProps) {
  const { passage, correcting, locaux, debutLocal, corrected } = loaderData;
  const actionData = useActionData<typeof action>();
  if (passage.deleted) {
    return (
      <>
        <BackLink />
        <h1>Passage supprimé</h1>
        <Notice kind="info">{`Ce passage a été supprimé le ${longDateTime(passage.deletedAt)}. Il ne compte plus dans les statistiques ; la suppression est inscrite au journal.`}</Notice>
        <p>
          <a className="fr-btn" href="/accueil">
            Nouveau passage
          </a>
        </p>
      </>
    );
  }
  const reply = actionData ?? null;
  const demandes: DemandeValues[] = passage.sollicitations.map((s) => ({
    partenaires: s.partenaires,
    partenairesLocaux: s.partenairesLocaux.map((local) => local.id),
    horsPartenaires: s.horsPartenaires,
    situations: s.situations,
    aides: s.aides,
    autonomie: s.autonomie,
    issue: s.issue,
    signalements: s.signalements,
    precision: s.precision ?? "",
  }));
  const defaults: PassageFormShape = {
    debutLocal,
    dureeMinutes: passage.dureeMinutes?.toString(),
    canal: passage.canal,
    avecRdv: passage.avecRdv ? "on" : undefined,
    trancheAge: passage.trancheAge ?? undefined,
    genre: passage.genre ?? undefined,
    communeResidence: passage.communeResidence ?? undefined,
    premiereVisite: passage.premiereVisite ? "on" : undefined,
    equipements: passage.equipements,
  };

  return (
    <>
      <BackLink />
      <h1>Passage du {longDateTime(passage.startedAt)}</h1>
      {corrected && <Notice kind="success">La correction est enregistrée et inscrite au journal.</Notice>}

      {correcting ? (
        <section aria-labelledby="corriger-titre">
          <h2 id="corriger-titre">Corriger le passage</h2>
          <p>
            Les demandes enregistrées sont remplacées par celles de ce formulaire. La correction est inscrite au
            journal.
          </p>
          <PassageForm
            mode="corriger"
            formId="correction"
            lastResult={reply?.intent === "corriger" ? reply.lastResult : undefined}
            defaultValue={defaults}
            initialDemandes={demandes}
            locaux={locaux}
            submitLabel="Enregistrer la correction"
            cancel={{ href: `/accueil/passages/${passage.id}`, label: "Annuler" }}
          />
        </section>
      ) : (
        <>
          <div className="fr-table fr-table--bordered">
            <table>
              <caption>Le passage</caption>
              <tbody>
                <Row label="Structure">{passage.structureNom}</Row>
                <Row label="Enregistré par">{passage.agentNom}</Row>
                <Row label="Début">{longDateTime(passage.startedAt)}</Row>
                <Row label="Durée">{passage.dureeMinutes ? `${passage.dureeMinutes} min` : "Non renseignée"}</Row>
                <Row label="Canal">{canalLabel(passage.canal)}</Row>
                <Row label="Rendez-vous">{passage.avecRdv ? "Oui" : "Non"}</Row>
                <Row label="Attente">
                  {passage.attenteSecondes === null ? "Non mesurée" : `${Math.round(passage.attenteSecondes / 60)} min`}
                </Row>
                <Row label="Tranche d’âge">{labelOf(TRANCHES_AGE, passage.trancheAge, "Non renseignée")}</Row>
                <Row label="Genre">{labelOf(GENRES, passage.genre)}</Row>
                <Row label="Commune de résidence (code INSEE)">{passage.communeResidence ?? "Non renseignée"}</Row>
                <Row label="Première visite">
                  {passage.premiereVisite === null ? "Non renseigné" : passage.premiereVisite ? "Oui" : "Non"}
                </Row>
                <Row label="Équipements utilisés">
                  {passage.equipements.length > 0
                    ? passage.equipements.map((key) => EQUIPEMENTS[key]).join(", ")
                    : "Aucun"}
                </Row>
              </tbody>
            </table>
          </div>

          <h2>Demandes ({passage.sollicitations.length})</h2>
          {passage.sollicitations.map((s) => (
            <div className="fr-table fr-table--bordered" key={s.id}>
              <table>
                <caption>Demande {s.position}</caption>
                <tbody>
                  <Row label="Partenaires">
                    {s.horsPartenaires
                      ? "Hors partenaires"
                      : [
                          ...s.partenaires.map(partenaireLabel),
                          ...s.partenairesLocaux.map((local) => `${local.nom} (partenaire local)`),
                        ].join(", ")}
                  </Row>
                  <Row label="Situations">
                    {s.situations.length > 0 ? s.situations.map(situationLabel).join(", ") : "Aucune"}
                  </Row>
                  <Row label="Aide apportée">{s.aides.map(typeAideLabel).join(", ")}</Row>
                  <Row label="Autonomie numérique">{labelOf(AUTONOMIES, s.autonomie)}</Row>
                  <Row label="Issue">{labelOf(ISSUES, s.issue)}</Row>
                  <Row label="Signalements">
                    {s.signalements.length > 0 ? s.signalements.map((key) => SIGNALEMENTS[key]).join(", ") : "Aucun"}
                  </Row>
                  <Row label="Précision">{s.precision ?? "Aucune"}</Row>
                </tbody>
              </table>
              {s.issue === "a_escalader" && !s.horsPartenaires && (
                <p className="fr-mt-1w">
                  <a className="fr-btn fr-btn--secondary fr-btn--sm" href={`/saisines/nouvelle?sollicitation=${s.id}`}>
                    Saisir le référent du partenaire<span className="fr-sr-only"> pour la demande {s.position}</span>
                  </a>
                </p>
              )}
            </div>
          ))}

          <section className="fr-mt-4w" aria-labelledby="correction-titre">
            <h2 id="correction-titre">Corriger ou supprimer</h2>
            <p>
              Un passage peut être corrigé ou supprimé pendant {CORRECTION_WINDOW_DAYS} jours après son début, par la
              personne qui l’a enregistré ou par un responsable de la structure. Chaque correction et chaque suppression
              est inscrite au journal.
            </p>
            {passage.canCorrect ? (
              <>
                <p>Ce passage peut être modifié jusqu’au {longParisDate(passage.correctableUntil)}.</p>
                <ul className="fr-btns-group fr-btns-group--inline-md">
                  <li>
                    <a className="fr-btn" href={`/accueil/passages/${passage.id}?corriger`}>
                      Corriger
                    </a>
                  </li>
                  <li>
                    <a className="fr-btn fr-btn--secondary" href={`/accueil?ajout=${passage.id}`}>
                      Ajouter une autre demande pour la même personne
                    </a>
                  </li>
                </ul>
                <DeleteForm lastResult={reply?.intent === "supprimer" ? reply.lastResult : undefined} />
              </>
            ) : (
              // Only its author and the structure's responsables see a passage: for them, only time closes it.
              <Notice kind="info">{`La période de correction de ce passage s’est terminée le ${longParisDate(passage.correctableUntil)}.`}</Notice>
            )}
          </section>
        </>
      )}
    </>
  );
}

function BackLink() {
  return (
    <p>
      <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/accueil">
        Accueil du public
      </a>
    </p>
  );
}

function DeleteForm({ lastResult }: { lastResult: unknown }) {
  const [form, fields] = useForm({
    id: "suppression",
    lastResult: lastResult as SubmissionResult<string[]> | undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: suppressionSchema }),
  });
  const error = fields.motif.errors?.[0];
  const { key, ...textareaProps } = getTextareaProps(fields.motif, { ariaAttributes: true });
  return (
    <Form method="post" {...getFormProps(form)} className="fr-mt-4w">
      <fieldset className="fr-fieldset" aria-labelledby="suppression-legende">
        <legend className="fr-fieldset__legend" id="suppression-legende">
          Supprimer ce passage
        </legend>
        <div className="fr-fieldset__element">
          <FormErrors errors={form.errors} />
          <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`} key={key}>
            <label className="fr-label" htmlFor={fields.motif.id}>
              Motif de la suppression
              <span className="fr-hint-text">
                Obligatoire, 3 à 500 caractères, par exemple « saisi deux fois ». Sans donnée personnelle.
              </span>
            </label>
            <textarea className={`fr-input${error ? " fr-input--error" : ""}`} rows={2} {...textareaProps} />
            {error && (
              <p id={fields.motif.errorId} className="fr-error-text">
                {error}
              </p>
            )}
          </div>
        </div>
        <input type="hidden" name="intent" value="supprimer" />
        <div className="fr-fieldset__element">
          <button className="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left" type="submit">
            Supprimer le passage
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
