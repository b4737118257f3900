import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { CANAUX } from "../../src/accueil/accueil.labels";
import { addPiece } from "../../src/demarches/add-piece.server";
import { ACTION_NATURES, DEMARCHE_STATUTS, PIECE_ETATS } from "../../src/demarches/demarches.labels";
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
import { MANDAT_STATUTS } from "../../src/mandats/mandats.labels";
import { invalid, parseForm, runForForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { situationLabel } from "../../src/referentiel/bouquet";
import { inactiveDestructionDate } from "../../src/retention/retention.rules";
import { labelOf, optionsOf } from "../../src/structures/structures.labels";
import { forIntent } from "../../src/usagers/form-intent.server";
import { FormErrors, InputField, Notice, SelectField } from "../components/forms/fields";
import { DsfrTable } from "../components/tables/DsfrTable";
import { longDate, longDateTime, StatusBadge, TextareaField } from "../components/usagers/fields";
import { SensitiveDataWarning } from "../components/usagers/SensitiveDataWarning";
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
  const demarche = await orErrorPage(request, () =>
    getDemarche(actor, params.id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  const motif = new URL(request.url).searchParams.get("motif") ?? "";
  return {
    demarche,
    notice: NOTICES[motif] ?? null,
    destructionOn: demarche.inactivityFlaggedAt
      ? inactiveDestructionDate(new Date(demarche.inactivityFlaggedAt)).toISOString()
      : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  await orErrorPage(request, () => findDemarche(actor, params.id));
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  const intent = String((await request.clone().formData()).get("intent") ?? "");
  const back = (motif: string) => redirect(`/demarches/${params.id}?motif=${motif}`);
  const id = params.id;

  if (intent === "suivi") {
    const { submission } = await parseForm(request, suiviSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () => updateSuivi(actor, id, submission.value, context));
    return result.ok ? back("suivi") : forIntent(intent, result.response);
  }
  if (intent === "pieces") {
    const { submission } = await parseForm(request, piecesSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () => updatePieces(actor, id, submission.value.pieces, context));
    return result.ok ? back("pieces") : forIntent(intent, result.response);
  }
  if (intent === "ajouter-piece") {
    const { submission } = await parseForm(request, addPieceSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () => addPiece(actor, id, submission.value.libelle, context));
    return result.ok ? back("pieces") : forIntent(intent, result.response);
  }
  if (intent === "retirer-piece") {
    const { submission } = await parseForm(request, pieceIdSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () => removePiece(actor, id, submission.value.pieceId, context));
    return result.ok ? back("pieces") : forIntent(intent, result.response);
  }
  if (intent === "complet") {
    const { submission } = await parseForm(request, completSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () => markComplete(actor, id, context));
    return result.ok ? back("complet") : forIntent(intent, result.response);
  }
  if (intent === "lier-passage" || intent === "delier-passage") {
    const { submission } = await parseForm(request, passageLinkSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const work = intent === "lier-passage" ? linkPassage : unlinkPassage;
    const result = await runForForm(submission, () => work(actor, id, submission.value.passageId, context));
    return result.ok ? back("passage") : forIntent(intent, result.response);
  }
  if (intent === "action") {
    const { submission } = await parseForm(request, actionSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () =>
      recordActionPourLeCompte(actor, id, submission.value.nature, context),
    );
    return result.ok ? back("action") : forIntent(intent, result.response);
  }
  return data({ intent: "inconnue", lastResult: null }, { status: 400 });
}

type Reply = SubmissionResult<string[]> | undefined;
type Detail = Route.ComponentProps["loaderData"]["demarche"];

function SuiviForm({ demarche, lastResult }: { demarche: Detail; lastResult: Reply }) {
  const [form, fields] = useForm({
    id: "suivi",
    lastResult,
    defaultValue: {
      statut: demarche.statut,
      agentId: demarche.agentId,
      prochaineEtape: demarche.prochaineEtape ?? "",
      prochaineEtapeLe: demarche.prochaineEtapeLe ?? "",
      notes: demarche.notes ?? "",
      remarquesTransmission: demarche.remarquesTransmission ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: suiviSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="suivi" />
      <FormErrors errors={form.errors} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <SelectField field={fields.statut} label="Statut" options={optionsOf(DEMARCHE_STATUTS)} placeholder={null} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <SelectField
            field={fields.agentId}
            label="Agent en charge"
            options={demarche.agents.map((agent) => ({ value: agent.id, label: agent.nom }))}
            placeholder={null}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.prochaineEtape} label="Prochaine étape" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.prochaineEtapeLe} label="Date de la prochaine étape" type="date" />
        </div>
      </div>
      <SensitiveDataWarning />
      <TextareaField field={fields.notes} label="Notes de suivi" />
      <TextareaField
        field={fields.remarquesTransmission}
        label="Remarques utiles pour le partenaire"
        hint="Elles figurent sur la fiche de transmission."
        rows={3}
      />
      <button className="fr-btn fr-btn--secondary" type="submit">
        Enregistrer le suivi
      </button>
    </Form>
  );
}

function errorsOf(lastResult: Reply): string[] | undefined {
  const error = (lastResult as { error?: Record<string, string[] | null> } | undefined)?.error;
  const messages = error ? Object.values(error).flatMap((list) => list ?? []) : [];
  return messages.length ? messages : undefined;
}

export default function Demarche({ loaderData }: Route.ComponentProps) {
  const { demarche, notice, destructionOn } = loaderData;
  const reply = useActionData<typeof action>() as { intent?: string; lastResult?: unknown } | undefined;
  const lastResultFor = (intent: string) => (reply?.intent === intent ? (reply.lastResult as Reply) : undefined);
  const allVerified = demarche.pieces.every((piece) => piece.etat === "verifie");
  const activeMandat = demarche.mandats.find((mandat) => mandat.statut === "valide" && !mandat.authorisationRevoked);
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
      <SuiviForm demarche={demarche} lastResult={lastResultFor("suivi")} />

      <h2 className="fr-mt-4w">Pièces justificatives</h2>
      <p className="fr-text--sm">Rien n’est téléversé : cochez l’état de chaque pièce du dossier papier.</p>
      <FormErrors
        errors={errorsOf(lastResultFor("pieces") ?? lastResultFor("ajouter-piece") ?? lastResultFor("retirer-piece"))}
      />
      {demarche.pieces.length === 0 ? (
        <p>Aucune pièce demandée.</p>
      ) : (
        <Form method="post" id="form-pieces">
          <input type="hidden" name="intent" value="pieces" />
          <DsfrTable id="table-pieces" caption="Pièces du dossier">
            <thead>
              <tr>
                <th scope="col">Pièce</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {demarche.pieces.map((piece, index) => (
                <tr key={piece.id}>
                  <td>{piece.libelle}</td>
                  <td>
                    <input type="hidden" name={`pieces[${index}].id`} value={piece.id} />
                    <label className="fr-sr-only" htmlFor={`piece-${piece.id}`}>
                      État de la pièce {piece.libelle}
                    </label>
                    <select
                      className="fr-select"
                      id={`piece-${piece.id}`}
                      name={`pieces[${index}].etat`}
                      defaultValue={piece.etat}
                      disabled={demarche.closed}
                    >
                      {Object.entries(PIECE_ETATS).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </DsfrTable>
          {!demarche.closed && (
            <button className="fr-btn fr-btn--secondary" type="submit">
              Enregistrer l’état des pièces
            </button>
          )}
        </Form>
      )}
      {!demarche.closed && (
        <>
          <Form method="post" className="fr-mt-3w">
            <input type="hidden" name="intent" value="ajouter-piece" />
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="nouvelle-piece">
                Ajouter une pièce à fournir
              </label>
              <input className="fr-input" id="nouvelle-piece" name="libelle" autoComplete="off" />
            </div>
            <button className="fr-btn fr-btn--tertiary fr-icon-add-line fr-btn--icon-left" type="submit">
              Ajouter la pièce
            </button>
          </Form>
          {demarche.pieces.length > 0 && (
            <details className="fr-mt-2w">
              <summary>Retirer une pièce de la liste</summary>
              <ul>
                {demarche.pieces.map((piece) => (
                  <li key={piece.id}>
                    <Form method="post" className="guichet-inline-form">
                      <input type="hidden" name="intent" value="retirer-piece" />
                      <input type="hidden" name="pieceId" value={piece.id} />
                      {piece.libelle}{" "}
                      <button className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline" type="submit">
                        Retirer<span className="fr-sr-only"> la pièce {piece.libelle}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}

      <h2 className="fr-mt-4w">Complétude et transmission</h2>
      {demarche.completAt ? (
        <>
          <p>Dossier vérifié complet le {longDateTime(demarche.completAt)}.</p>
          <a
            className="fr-btn fr-icon-file-pdf-line fr-btn--icon-left"
            href={`/demarches/${demarche.id}/fiche-transmission.pdf`}
            target="_blank"
            rel="noopener"
          >
            Fiche de transmission (PDF, nouvelle fenêtre)
          </a>
        </>
      ) : allVerified && !demarche.closed ? (
        <Form method="post">
          <input type="hidden" name="intent" value="complet" />
          <FormErrors errors={errorsOf(lastResultFor("complet"))} />
          <p>Toutes les pièces sont vérifiées.</p>
          <button className="fr-btn" type="submit">
            Marquer le dossier complet
          </button>
        </Form>
      ) : (
        <p>
          Le dossier sera complet quand chaque pièce sera vérifiée ; la fiche de transmission sera alors disponible.
        </p>
      )}

      {!demarche.closed && (
        <p className="fr-mt-2w">
          <a className="fr-btn fr-btn--secondary" href={`/saisines/nouvelle?demarche=${demarche.id}`}>
            Saisir le référent du partenaire
          </a>
        </p>
      )}

      <h2 className="fr-mt-4w">Rendez-vous avec le partenaire</h2>
      {demarche.rendezVous ? (
        <p>
          Le {longDateTime(demarche.rendezVous.at)}, {demarche.rendezVous.lieu}, avec{" "}
          {demarche.rendezVous.interlocuteur}.{" "}
          <a className="fr-link" href={`/demarches/${demarche.id}/rendez-vous.pdf`} target="_blank" rel="noopener">
            Fiche pour l’usager (PDF, nouvelle fenêtre)
          </a>
        </p>
      ) : (
        <p>Aucun rendez-vous préparé.</p>
      )}
      {!demarche.closed && (
        <a className="fr-btn fr-btn--secondary" href={`/demarches/${demarche.id}/rendez-vous`}>
          {demarche.rendezVous ? "Modifier le rendez-vous" : "Préparer un rendez-vous"}
        </a>
      )}

      <h2 className="fr-mt-4w">Historique des passages</h2>
      <FormErrors errors={errorsOf(lastResultFor("lier-passage"))} />
      {demarche.passages.length === 0 ? (
        <p>Aucun passage lié.</p>
      ) : (
        <DsfrTable id="table-passages" caption="Passages à l’accueil liés à cette démarche">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Canal</th>
              <th scope="col">Demandes</th>
              <th scope="col">Retirer</th>
            </tr>
          </thead>
          <tbody>
            {demarche.passages.map((passage) => (
              <tr key={passage.id}>
                <td>
                  <a href={`/accueil/passages/${passage.id}`}>{longDateTime(passage.startedAt)}</a>
                </td>
                <td>{labelOf(CANAUX, passage.canal)}</td>
                <td>{passage.demandes}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delier-passage" />
                    <input type="hidden" name="passageId" value={passage.id} />
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                      Retirer<span className="fr-sr-only"> le passage du {longDateTime(passage.startedAt)}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      {demarche.linkable.length > 0 && (
        <Form method="post" className="fr-mt-2w">
          <input type="hidden" name="intent" value="lier-passage" />
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="passage-a-lier">
              Lier un passage des 60 derniers jours
            </label>
            <select className="fr-select" id="passage-a-lier" name="passageId">
              {demarche.linkable.map((passage) => (
                <option key={passage.id} value={passage.id}>
                  {longDateTime(passage.startedAt)} — {labelOf(CANAUX, passage.canal)} — {passage.demandes} demande
                  {passage.demandes > 1 ? "s" : ""}
                </option>
              ))}
            </select>
          </div>
          <button className="fr-btn fr-btn--secondary" type="submit">
            Lier le passage
          </button>
        </Form>
      )}

      <h2 className="fr-mt-4w">Mandat et actions pour le compte de l’usager</h2>
      {demarche.mandats.length === 0 ? (
        <p>
          Aucun mandat ne couvre cette démarche.{" "}
          <a className="fr-link" href={`/mandats/nouveau?usager=${demarche.usager.id}`}>
            Établir un mandat
          </a>
        </p>
      ) : (
        <ul>
          {demarche.mandats.map((mandat) => (
            <li key={mandat.id}>
              <a href={`/mandats/${mandat.id}`}>Mandat {labelOf(MANDAT_STATUTS, mandat.statut).toLowerCase()}</a>
              {mandat.authorisationRevoked
                ? " (retiré pour cette démarche)"
                : `, valable jusqu’au ${longDate(mandat.expiresOn)}`}
            </li>
          ))}
        </ul>
      )}
      {demarche.actions.length > 0 && (
        <DsfrTable id="table-actions" caption="Actions faites au nom et pour le compte de l’usager">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Action</th>
              <th scope="col">Agent</th>
            </tr>
          </thead>
          <tbody>
            {demarche.actions.map((action) => (
              <tr key={action.id}>
                <td>{longDateTime(action.at)}</td>
                <td>{labelOf(ACTION_NATURES, action.nature)}</td>
                <td>{action.agentNom}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      {!demarche.closed && (
        <Form method="post" className="fr-mt-2w">
          <input type="hidden" name="intent" value="action" />
          <FormErrors errors={errorsOf(lastResultFor("action"))} />
          {!activeMandat && (
            <p className="fr-text--sm">Sans mandat valide couvrant cette démarche, l’action sera refusée.</p>
          )}
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="nature-action">
              Enregistrer une action faite au nom de l’usager
            </label>
            <select className="fr-select" id="nature-action" name="nature">
              {Object.entries(ACTION_NATURES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button className="fr-btn fr-btn--secondary" type="submit">
            Enregistrer l’action
          </button>
        </Form>
      )}

      {demarche.identifiants.length > 0 && (
        <>
          <h2 className="fr-mt-4w">Identifiants enregistrés pour cette démarche</h2>
          <ul>
            {demarche.identifiants.map((identifiant) => (
              <li key={identifiant.id}>
                {identifiant.label} : {identifiant.masked}
              </li>
            ))}
          </ul>
          <p>
            <a className="fr-link" href={`/usagers/${demarche.usager.id}`}>
              Les afficher depuis la fiche de l’usager
            </a>
          </p>
        </>
      )}
    </>
  );
}
