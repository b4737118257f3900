import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { DEMARCHE_STATUTS } from "../../src/demarches/demarches.labels";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { MANDAT_STATUTS } from "../../src/mandats/mandats.labels";
import { invalid, parseForm, runForForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { partenaireLabel } from "../../src/referentiel/partenaires";
import { labelOf } from "../../src/structures/structures.labels";
import { addIdentifiant } from "../../src/usagers/add-identifiant.server";
import { deleteIdentifiant } from "../../src/usagers/delete-identifiant.server";
import { eraseUsager } from "../../src/usagers/erase-usager.server";
import { forIntent } from "../../src/usagers/form-intent.server";
import { findUsager, getUsagerFile } from "../../src/usagers/get-usager.server";
import { mergeUsagers } from "../../src/usagers/merge-usagers.server";
import { revealIdentifiant } from "../../src/usagers/reveal-identifiant.server";
import { updateUsager } from "../../src/usagers/update-usager.server";
import { IDENTIFIANT_TYPES } from "../../src/usagers/usagers.labels";
import { eraseSchema, identifiantSchema, mergeSchema, usagerFieldsSchema } from "../../src/usagers/usagers.schema";
import { FormErrors, InputField, Notice, SelectField } from "../components/forms/fields";
import { DsfrTable } from "../components/tables/DsfrTable";
import { CheckboxField, longDate, longDateTime, StatusBadge } from "../components/usagers/fields";
import type { Route } from "./+types/usagers.$id";

export const meta: Route.MetaFunction = () => [{ title: "Fiche usager — Guichet" }];

const NOTICES: Record<string, string> = {
  cree: "La fiche a été créée. Vous pouvez ouvrir une démarche.",
  modifie: "La fiche a été rectifiée.",
  identifiant: "L’identifiant a été enregistré, chiffré.",
  "identifiant-supprime": "L’identifiant a été supprimé.",
  fusionne: "Les deux fiches ont été fusionnées.",
};

const IDENTIFIANT_OPTIONS = Object.entries(IDENTIFIANT_TYPES).map(([value, type]) => ({ value, label: type.label }));

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const file = await orErrorPage(request, () =>
    getUsagerFile(actor, params.id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  const motif = new URL(request.url).searchParams.get("motif") ?? "";
  return { file, notice: NOTICES[motif] ?? null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  await orErrorPage(request, () => findUsager(actor, params.id));
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  const intent = String((await request.clone().formData()).get("intent") ?? "");
  const back = (motif: string) => redirect(`/usagers/${params.id}?motif=${motif}`);

  if (intent === "modifier") {
    const { submission } = await parseForm(request, usagerFieldsSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () => updateUsager(actor, params.id, submission.value, context));
    return result.ok ? back("modifie") : forIntent(intent, result.response);
  }
  if (intent === "identifiant") {
    const { submission } = await parseForm(request, identifiantSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission, { hideFields: ["valeur"] }));
    const result = await runForForm(submission, () => addIdentifiant(actor, params.id, submission.value, context), [
      "valeur",
    ]);
    return result.ok ? back("identifiant") : forIntent(intent, result.response);
  }
  if (intent === "reveler" || intent === "supprimer-identifiant") {
    const identifiantId = String((await request.formData()).get("identifiantId") ?? "");
    if (intent === "supprimer-identifiant") {
      await orErrorPage(request, () => deleteIdentifiant(actor, params.id, identifiantId, context));
      return back("identifiant-supprime");
    }
    const revealed = await orErrorPage(request, () => revealIdentifiant(actor, params.id, identifiantId, context));
    return { intent, revealed };
  }
  if (intent === "fusionner") {
    const { submission } = await parseForm(request, mergeSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () =>
      mergeUsagers(actor, params.id, submission.value.duplicateId, context),
    );
    return result.ok ? back("fusionne") : forIntent(intent, result.response);
  }
  if (intent === "effacer") {
    const { submission } = await parseForm(request, eraseSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () => eraseUsager(actor, params.id, context));
    return result.ok ? redirect("/usagers?motif=efface") : forIntent(intent, result.response);
  }
  return data({ intent: "inconnue", lastResult: null }, { status: 400 });
}

type Reply = SubmissionResult<string[]> | undefined;
type ActionReply =
  | { intent?: string; lastResult?: unknown; revealed?: { id: string; type: string; valeur: string } }
  | undefined;

function RectificationForm({
  usager,
  lastResult,
}: {
  usager: Route.ComponentProps["loaderData"]["file"]["usager"];
  lastResult: Reply;
}) {
  const [form, fields] = useForm({
    id: "rectification",
    lastResult,
    defaultValue: {
      nom: usager.nom,
      prenom: usager.prenom,
      dateNaissance: usager.dateNaissance ?? "",
      telephone: usager.telephone ?? "",
      email: usager.email ?? "",
      commune: usager.commune ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: usagerFieldsSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="modifier" />
      <FormErrors errors={form.errors} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.nom} label="Nom" autoComplete="off" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.prenom} label="Prénom" autoComplete="off" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.dateNaissance} label="Date de naissance (facultatif)" type="date" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.commune} label="Commune de résidence (facultatif)" autoComplete="off" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.telephone} label="Téléphone (facultatif)" type="tel" autoComplete="off" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.email} label="Adresse électronique (facultatif)" type="email" autoComplete="off" />
        </div>
      </div>
      <button className="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
        Enregistrer la rectification
      </button>
    </Form>
  );
}

function IdentifiantForm({
  demarches,
  lastResult,
}: {
  demarches: Array<{ value: string; label: string }>;
  lastResult: Reply;
}) {
  const [form, fields] = useForm({
    id: "identifiant",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: identifiantSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="identifiant" />
      <FormErrors errors={form.errors} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <SelectField field={fields.type} label="Type d’identifiant" options={IDENTIFIANT_OPTIONS} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <InputField field={fields.valeur} label="Numéro" autoComplete="off" hint="Chiffré dès l’enregistrement." />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <SelectField field={fields.demarcheId} label="Démarche qui en a besoin" options={demarches} />
        </div>
      </div>
      <button className="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
        Enregistrer l’identifiant
      </button>
    </Form>
  );
}

function EraseForm({ lastResult }: { lastResult: Reply }) {
  const [form, fields] = useForm({
    id: "effacement",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eraseSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="effacer" />
      <FormErrors errors={form.errors} />
      <CheckboxField
        field={fields.confirmation}
        label="Je confirme l’effacement définitif de cette fiche et des données de ses démarches, à la demande de l’usager"
      />
      <button className="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left fr-mt-2w" type="submit">
        Effacer la fiche
      </button>
    </Form>
  );
}

const MANDAT_BADGES = {
  valide: "success",
  en_attente_signature: "info",
  revoque: "error",
  expire: "warning",
  termine: "new",
} as const;

export default function Usager({ loaderData }: Route.ComponentProps) {
  const { file, notice } = loaderData;
  const { usager } = file;
  const reply = useActionData<typeof action>() as ActionReply;
  const lastResultFor = (intent: string) => (reply?.intent === intent ? (reply.lastResult as Reply) : undefined);
  const openDemarches = file.demarches
    .filter((demarche) => !demarche.closed)
    .map((demarche) => ({ value: demarche.id, label: demarche.titre }));
  const errorsOf = (intent: string) => {
    const error = (lastResultFor(intent) as { error?: Record<string, string[] | null> } | undefined)?.error;
    return error ? Object.values(error).flatMap((messages) => messages ?? []) : undefined;
  };
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
      {file.demarches.length === 0 ? (
        <p>Aucune démarche en cours.</p>
      ) : (
        <DsfrTable id="table-demarches" caption="Démarches de l’usager">
          <thead>
            <tr>
              <th scope="col">Démarche</th>
              <th scope="col">Partenaire</th>
              <th scope="col">Statut</th>
              <th scope="col">Prochaine étape</th>
            </tr>
          </thead>
          <tbody>
            {file.demarches.map((demarche) => (
              <tr key={demarche.id}>
                <td>
                  <a href={`/demarches/${demarche.id}`}>{demarche.titre}</a>
                </td>
                <td>{demarche.partnerKey ? partenaireLabel(demarche.partnerKey) : "—"}</td>
                <td>{labelOf(DEMARCHE_STATUTS, demarche.statut)}</td>
                <td>{demarche.prochaineEtapeLe ? longDate(demarche.prochaineEtapeLe) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}

      <h2>Mandats</h2>
      {file.mandats.length === 0 ? (
        <p>Aucun mandat. Un mandat n’est nécessaire que pour agir au nom et pour le compte de l’usager.</p>
      ) : (
        <DsfrTable id="table-mandats" caption="Mandats donnés par l’usager">
          <thead>
            <tr>
              <th scope="col">Mandat</th>
              <th scope="col">Statut</th>
              <th scope="col">Démarches couvertes</th>
              <th scope="col">Valable jusqu’au</th>
            </tr>
          </thead>
          <tbody>
            {file.mandats.map((mandat) => (
              <tr key={mandat.id}>
                <td>
                  <a href={`/mandats/${mandat.id}`}>Mandat du {longDate(mandat.createdAt)}</a>
                </td>
                <td>
                  <StatusBadge kind={MANDAT_BADGES[mandat.statut]}>
                    {labelOf(MANDAT_STATUTS, mandat.statut)}
                  </StatusBadge>
                </td>
                <td>{mandat.demarches}</td>
                <td>{longDate(mandat.expiresOn)}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}

      <h2>Identité et contact</h2>
      <p className="fr-text--sm">
        Droit de rectification : corrigez ici toute information inexacte. La modification est inscrite au journal.
      </p>
      <RectificationForm usager={usager} lastResult={lastResultFor("modifier")} />

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
      {file.identifiants.length > 0 && (
        <DsfrTable id="table-identifiants" caption="Identifiants enregistrés (masqués)">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Numéro</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {file.identifiants.map((identifiant) => (
              <tr key={identifiant.id}>
                <td>{identifiant.label}</td>
                <td>
                  <span aria-label={`Numéro masqué, finissant par ${identifiant.masked.slice(-2)}`}>
                    {identifiant.masked}
                  </span>
                </td>
                <td>
                  <ul className="fr-btns-group fr-btns-group--inline-sm">
                    <li>
                      <Form method="post">
                        <input type="hidden" name="intent" value="reveler" />
                        <input type="hidden" name="identifiantId" value={identifiant.id} />
                        <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                          Afficher<span className="fr-sr-only"> le {identifiant.label}</span>
                        </button>
                      </Form>
                    </li>
                    <li>
                      <Form method="post">
                        <input type="hidden" name="intent" value="supprimer-identifiant" />
                        <input type="hidden" name="identifiantId" value={identifiant.id} />
                        <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                          Supprimer<span className="fr-sr-only"> le {identifiant.label}</span>
                        </button>
                      </Form>
                    </li>
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      {openDemarches.length > 0 ? (
        <IdentifiantForm demarches={openDemarches} lastResult={lastResultFor("identifiant")} />
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
      {file.duplicates.length > 0 && (
        <>
          <h3 className="fr-h6">Fiches en double</h3>
          <p>
            Ces fiches portent le même nom dans votre structure. Fusionner rattache leurs démarches et mandats à cette
            fiche, puis supprime le double.
          </p>
          <FormErrors errors={errorsOf("fusionner")} />
          <ul>
            {file.duplicates.map((duplicate) => (
              <li key={duplicate.id} className="fr-mb-2w">
                <a href={`/usagers/${duplicate.id}`}>
                  {duplicate.nom.toUpperCase()} {duplicate.prenom}
                  {duplicate.dateNaissance ? `, né(e) le ${longDate(duplicate.dateNaissance)}` : ""}
                  {duplicate.commune ? `, ${duplicate.commune}` : ""}
                </a>
                <Form method="post" className="guichet-inline-form">
                  <input type="hidden" name="intent" value="fusionner" />
                  <input type="hidden" name="duplicateId" value={duplicate.id} />{" "}
                  <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                    Fusionner dans cette fiche
                    <span className="fr-sr-only">
                      {" "}
                      : {duplicate.nom} {duplicate.prenom}
                    </span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="fr-h6">Effacement</h3>
      {file.erasable ? (
        <EraseForm lastResult={lastResultFor("effacer")} />
      ) : (
        <p>Un mandat est en cours : enregistrez d’abord sa révocation, l’effacement sera ensuite possible.</p>
      )}
    </>
  );
}
