import { redirect } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { findMandat, getMandat } from "../../src/mandats/get-mandat.server";
import { renewSchema, revokeSchema, signatureSchema } from "../../src/mandats/mandats.schema";
import { recordSignature } from "../../src/mandats/record-signature.server";
import { renewMandat } from "../../src/mandats/renew-mandat.server";
import { revokeMandat } from "../../src/mandats/revoke-mandat.server";
import { formIntent } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { parisDay } from "../../src/platform/time";
import { Notice } from "../components/forms/fields";
import { useIntentReply } from "../components/forms/intent-reply";
import { UnsavedChangesGuard } from "../components/forms/UnsavedChangesGuard";
import { AuthorisationsTable } from "../components/mandats/AuthorisationsTable";
import { EndedNotice } from "../components/mandats/EndedNotice";
import { MandatDateForm } from "../components/mandats/MandatDateForm";
import { MandatStatusBadge } from "../components/mandats/MandatStatusBadge";
import { MandatTable } from "../components/mandats/MandatTable";
import { RevokeForm } from "../components/mandats/RevokeForm";
import { dispatchForm } from "../form-reply.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/mandats.$id";

export const meta: Route.MetaFunction = () => [{ title: "Mandat — Guichet" }];

const NOTICES: Record<string, string> = {
  cree: "Le mandat est établi. Imprimez-le, faites-le signer par les deux parties, puis enregistrez la date de signature.",
  signe: "La date de signature est enregistrée : le mandat est valide.",
  renouvele: "Le mandat est renouvelé pour un an.",
  revoque: "La révocation est enregistrée. Imprimez l’attestation pour l’usager.",
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const mandat = await orErrorPage(request, () =>
    getMandat(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  const motif = new URL(request.url).searchParams.get("motif") ?? "";
  return { mandat, today: parisDay(), notice: NOTICES[motif] ?? null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  await orErrorPage(request, () => findMandat(actor, id));
  const context = { ip: clientIp(request), userAgent: userAgent(request) };
  const back = (motif: string) => redirect(`/mandats/${id}?motif=${motif}`);
  return dispatchForm(request, {
    signer: formIntent(signatureSchema, async ({ signedOn }) => {
      await recordSignature(actor, id, signedOn, context);
      return back("signe");
    }),
    renouveler: formIntent(renewSchema, async ({ renewedOn }) => {
      await renewMandat(actor, id, renewedOn, context);
      return back("renouvele");
    }),
    revoquer: formIntent(revokeSchema, async (value) => {
      await revokeMandat(actor, id, value, context);
      return back("revoque");
    }),
  });
}

export default function Mandat({ loaderData }: Route.ComponentProps) {
  const { mandat, today, notice } = loaderData;
  const { resultFor } = useIntentReply();
  const running = mandat.statut === "valide" || mandat.statut === "en_attente_signature";
  const anyRevocation =
    Boolean(mandat.revokedAt) || mandat.authorisations.some((authorisation) => authorisation.revokedAt);
  const revocable = mandat.authorisations.flatMap((authorisation) =>
    !authorisation.revokedAt && authorisation.demarcheId
      ? [{ value: authorisation.demarcheId, label: authorisation.libelle }]
      : [],
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
      <div className="fr-mb-2w">
        <MandatStatusBadge statut={mandat.statut} />
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      <UnsavedChangesGuard />
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
      {mandat.statut === "termine" && <EndedNotice mandat={mandat} />}
      <MandatTable mandat={mandat} />

      <h2>Démarches couvertes</h2>
      <AuthorisationsTable authorisations={mandat.authorisations} />

      {!mandat.signedOn && running && (
        <>
          <h2>Signature</h2>
          <p>
            Une fois les deux exemplaires signés sur place, enregistrez la date. Aucune copie numérisée n’est conservée.
          </p>
          <MandatDateForm
            id="signature"
            intent="signer"
            name="signedOn"
            label="Date de signature"
            button="Enregistrer la signature"
            today={today}
            lastResult={resultFor("signer")}
          />
        </>
      )}
      {mandat.renewable && (
        <>
          <h2 className="fr-mt-4w" id="renouvellement-titre">
            Renouvellement
          </h2>
          <p>Avec l’accord de l’usager, le mandat court un an de plus à compter du renouvellement.</p>
          <MandatDateForm
            id="renouvellement"
            intent="renouveler"
            name="renewedOn"
            label="Date du renouvellement"
            button="Renouveler pour un an"
            today={today}
            lastResult={resultFor("renouveler")}
          />
        </>
      )}
      {!mandat.revokedAt && (
        <>
          <h2 className="fr-mt-4w">Révocation</h2>
          <p>L’usager peut retirer son mandat à tout moment, en tout ou pour une démarche.</p>
          <RevokeForm options={revocable} today={today} lastResult={resultFor("revoquer")} />
        </>
      )}
    </>
  );
}
