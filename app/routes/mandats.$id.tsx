import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { DEMARCHE_STATUTS } from "../../src/demarches/demarches.labels";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { findMandat, getMandat } from "../../src/mandats/get-mandat.server";
import { DONNEES_AUTORISEES, MANDAT_STATUTS } from "../../src/mandats/mandats.labels";
import { renewSchema, revokeSchema, signatureSchema } from "../../src/mandats/mandats.schema";
import { recordSignature } from "../../src/mandats/record-signature.server";
import { renewMandat } from "../../src/mandats/renew-mandat.server";
import { revokeMandat } from "../../src/mandats/revoke-mandat.server";
import { invalid, parseForm, runForForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { parisDay } from "../../src/platform/time";
import { labelOf } from "../../src/structures/structures.labels";
import { forIntent } from "../../src/usagers/form-intent.server";
import { longDate, longDateTime } from "../components/format";
import { FormErrors, InputField, Notice, SelectField } from "../components/forms/fields";
import { DsfrTable } from "../components/tables/DsfrTable";
import { StatusBadge, TextareaField } from "../components/usagers/fields";
import type { Route } from "./+types/mandats.$id";

export const meta: Route.MetaFunction = () => [{ title: "Mandat — Guichet" }];

const NOTICES: Record<string, string> = {
  cree: "Le mandat est établi. Imprimez-le, faites-le signer par les deux parties, puis enregistrez la date de signature.",
  signe: "La date de signature est enregistrée : le mandat est valide.",
  renouvele: "Le mandat est renouvelé pour un an.",
  revoque: "La révocation est enregistrée. Imprimez l’attestation pour l’usager.",
};

const BADGES = {
  valide: "success",
  en_attente_signature: "info",
  revoque: "error",
  expire: "warning",
  termine: "new",
} as const;

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const mandat = await orErrorPage(request, () =>
    getMandat(actor, params.id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  const motif = new URL(request.url).searchParams.get("motif") ?? "";
  return { mandat, today: parisDay(), notice: NOTICES[motif] ?? null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  await orErrorPage(request, () => findMandat(actor, params.id));
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  const intent = String((await request.clone().formData()).get("intent") ?? "");
  const back = (motif: string) => redirect(`/mandats/${params.id}?motif=${motif}`);
  if (intent === "signer") {
    const { submission } = await parseForm(request, signatureSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () =>
      recordSignature(actor, params.id, submission.value.signedOn, context),
    );
    return result.ok ? back("signe") : forIntent(intent, result.response);
  }
  if (intent === "renouveler") {
    const { submission } = await parseForm(request, renewSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () =>
      renewMandat(actor, params.id, submission.value.renewedOn, context),
    );
    return result.ok ? back("renouvele") : forIntent(intent, result.response);
  }
  if (intent === "revoquer") {
    const { submission } = await parseForm(request, revokeSchema);
    if (submission.status !== "success") return forIntent(intent, invalid(submission));
    const result = await runForForm(submission, () => revokeMandat(actor, params.id, submission.value, context));
    return result.ok ? back("revoque") : forIntent(intent, result.response);
  }
  return data({ intent: "inconnue", lastResult: null }, { status: 400 });
}

type Reply = SubmissionResult<string[]> | undefined;

function DateForm({
  id,
  intent,
  name,
  label,
  button,
  today,
  lastResult,
}: {
  id: string;
  intent: string;
  name: "signedOn" | "renewedOn";
  label: string;
  button: string;
  today: string;
  lastResult: Reply;
}) {
  const schema = name === "signedOn" ? signatureSchema : renewSchema;
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: { [name]: today },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const field = (fields as Record<string, typeof fields.signedOn>)[name];
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors errors={form.errors} />
      <InputField field={field} label={label} type="date" />
      <button className="fr-btn" type="submit">
        {button}
      </button>
    </Form>
  );
}

function RevokeForm({
  options,
  today,
  lastResult,
}: {
  options: Array<{ value: string; label: string }>;
  today: string;
  lastResult: Reply;
}) {
  const [form, fields] = useForm({
    id: "revocation",
    lastResult,
    defaultValue: { revokedOn: today },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: revokeSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="revoquer" />
      <FormErrors errors={form.errors} />
      {options.length > 1 && (
        <SelectField
          field={fields.demarcheId}
          label="Ce que l’usager retire"
          options={options}
          placeholder="Tout le mandat"
          hint="Une seule démarche (révocation partielle), ou tout le mandat."
        />
      )}
      <InputField field={fields.revokedOn} label="Date de la révocation" type="date" />
      <TextareaField
        field={fields.motif}
        label="Motif de la révocation"
        hint="Par exemple : l’usager fait désormais ses démarches seul. Rien de sensible."
        rows={3}
      />
      <button className="fr-btn fr-btn--secondary" type="submit">
        Enregistrer la révocation
      </button>
    </Form>
  );
}

export default function Mandat({ loaderData }: Route.ComponentProps) {
  const { mandat, today, notice } = loaderData;
  const reply = useActionData<typeof action>() as { intent?: string; lastResult?: unknown } | undefined;
  const lastResultFor = (intent: string) => (reply?.intent === intent ? (reply.lastResult as Reply) : undefined);
  const running = mandat.statut === "valide" || mandat.statut === "en_attente_signature";
  const anyRevocation =
    Boolean(mandat.revokedAt) || mandat.authorisations.some((authorisation) => authorisation.revokedAt);
  const revocable = mandat.authorisations.filter(
    (authorisation) => !authorisation.revokedAt && authorisation.demarcheId,
  );
  return (
    <>
      <p>
        {mandat.usagerId ? (
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/usagers/${mandat.usagerId}`}>
            Fiche de {mandat.mandant.prenom} {mandat.mandant.nom.toUpperCase()}
          </a>
        ) : (
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/usagers">
            Retour aux usagers
          </a>
        )}
      </p>
      <h1>
        Mandat de {mandat.mandant.prenom} {mandat.mandant.nom.toUpperCase()}
      </h1>
      <p>
        <StatusBadge kind={BADGES[mandat.statut]}>{labelOf(MANDAT_STATUTS, mandat.statut)}</StatusBadge>
      </p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <a
            className="fr-btn fr-icon-printer-line"
            href={`/mandats/${mandat.id}/document.pdf`}
            target="_blank"
            rel="noopener"
          >
            Imprimer le mandat en deux exemplaires (PDF, nouvelle fenêtre)
          </a>
        </li>
        {anyRevocation && (
          <li>
            <a
              className="fr-btn fr-btn--secondary fr-icon-printer-line"
              href={`/mandats/${mandat.id}/attestation.pdf`}
              target="_blank"
              rel="noopener"
            >
              Attestation de révocation (PDF, nouvelle fenêtre)
            </a>
          </li>
        )}
      </ul>
      <DsfrTable id="table-mandat" caption="Le mandat">
        <tbody>
          <tr>
            <th scope="row">Mandant</th>
            <td>
              {mandat.mandant.prenom} {mandat.mandant.nom.toUpperCase()}
              {mandat.mandant.commune ? `, ${mandat.mandant.commune}` : ""}
            </td>
          </tr>
          <tr>
            <th scope="row">Mandataire</th>
            <td>
              {mandat.mandataire.prenom} {mandat.mandataire.nom}, agent France Services, {mandat.structure.nom}
            </td>
          </tr>
          <tr>
            <th scope="row">Établi le</th>
            <td>
              {longDateTime(mandat.createdAt)}, à {mandat.lieu}
            </td>
          </tr>
          <tr>
            <th scope="row">Signé le</th>
            <td>{mandat.signedOn ? longDate(mandat.signedOn) : "Signature non enregistrée"}</td>
          </tr>
          <tr>
            <th scope="row">Valable jusqu’au</th>
            <td>
              {mandat.signedOn ? longDate(mandat.expiresOn) : "Un an à compter de la signature"}
              {mandat.renewedAt ? ` (renouvelé le ${longDate(mandat.renewedAt)})` : ""}
            </td>
          </tr>
          {mandat.revokedOn && (
            <tr>
              <th scope="row">Révoqué le</th>
              <td>
                {longDate(mandat.revokedOn)} — motif : {mandat.revocationReason}
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">Données autorisées</th>
            <td>
              <ul>
                {mandat.donnees.map((key) => (
                  <li key={key}>{labelOf(DONNEES_AUTORISEES, key)}</li>
                ))}
              </ul>
              {mandat.identifiantsConnexion
                ? "Codes et identifiants de connexion inclus (jamais enregistrés)."
                : "Codes et identifiants de connexion non inclus."}
            </td>
          </tr>
          <tr>
            <th scope="row">Code de vérification</th>
            <td>
              {mandat.verificationCode} —{" "}
              <a href={`/verifier-mandat/${mandat.verificationCode.replace(/-/g, "")}`}>
                page publique de vérification
              </a>
            </td>
          </tr>
        </tbody>
      </DsfrTable>

      <h2>Démarches couvertes</h2>
      <DsfrTable id="table-autorisations" caption="Une autorisation par démarche">
        <thead>
          <tr>
            <th scope="col">Démarche</th>
            <th scope="col">État de la démarche</th>
            <th scope="col">Autorisation</th>
          </tr>
        </thead>
        <tbody>
          {mandat.authorisations.map((authorisation) => (
            <tr key={authorisation.id}>
              <td>
                {authorisation.demarcheId ? (
                  <a href={`/demarches/${authorisation.demarcheId}`}>{authorisation.libelle}</a>
                ) : (
                  authorisation.libelle
                )}
              </td>
              <td>{authorisation.demarcheStatut ? labelOf(DEMARCHE_STATUTS, authorisation.demarcheStatut) : "—"}</td>
              <td>{authorisation.revokedAt ? `Retirée le ${longDate(authorisation.revokedAt)}` : "En vigueur"}</td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>

      {!mandat.signedOn && running && (
        <>
          <h2>Signature</h2>
          <p>
            Une fois les deux exemplaires signés sur place, enregistrez la date. Aucune copie numérisée n’est conservée.
          </p>
          <DateForm
            id="signature"
            intent="signer"
            name="signedOn"
            label="Date de signature"
            button="Enregistrer la signature"
            today={today}
            lastResult={lastResultFor("signer")}
          />
        </>
      )}
      {mandat.signedOn && (mandat.statut === "valide" || mandat.statut === "expire") && (
        <>
          <h2 className="fr-mt-4w">Renouvellement</h2>
          <p>Avec l’accord de l’usager, le mandat court un an de plus à compter du renouvellement.</p>
          <DateForm
            id="renouvellement"
            intent="renouveler"
            name="renewedOn"
            label="Date du renouvellement"
            button="Renouveler pour un an"
            today={today}
            lastResult={lastResultFor("renouveler")}
          />
        </>
      )}
      {!mandat.revokedAt && (
        <>
          <h2 className="fr-mt-4w">Révocation</h2>
          <p>L’usager peut retirer son mandat à tout moment, en tout ou pour une démarche.</p>
          <RevokeForm
            options={revocable.map((authorisation) => ({
              value: authorisation.demarcheId!,
              label: authorisation.libelle,
            }))}
            today={today}
            lastResult={lastResultFor("revoquer")}
          />
        </>
      )}
    </>
  );
}
