import type { DemarcheContext, PartnerReach } from "../../../src/saisines/escalation-context.server";
import type { MandateGap } from "../../../src/saisines/mandate-gap";
import { Notice } from "../forms/fields";

const GAP_TEXT: Record<MandateGap["kind"], { why: string; fix: string }> = {
  non_signe: {
    why: "Le mandat qui couvre cette démarche est établi, mais sa signature n’est pas enregistrée.",
    fix: "Enregistrer la signature du mandat",
  },
  expire: { why: "Le mandat qui couvrait cette démarche a expiré.", fix: "Renouveler le mandat" },
  termine: { why: "Le mandat qui couvrait cette démarche a pris fin.", fix: "Renouveler le mandat" },
  retire: {
    why: "Le mandat a été révoqué pour cette démarche.",
    fix: "Établir un nouveau mandat avec l’usager",
  },
  autre_demarche: {
    why: "L’usager a un mandat, mais il ne couvre pas cette démarche.",
    fix: "Établir un mandat qui couvre cette démarche",
  },
  aucun: { why: "Aucun mandat n’a été établi pour cet usager.", fix: "Établir un mandat" },
};

function gapHref(gap: MandateGap, usagerId: string): string {
  if (gap.mandatId && gap.kind === "non_signe") return `/mandats/${gap.mandatId}`;
  if (gap.mandatId && (gap.kind === "expire" || gap.kind === "termine"))
    return `/mandats/${gap.mandatId}#renouvellement-titre`;
  return `/mandats/nouveau?usager=${usagerId}`;
}

/** The démarche and usager a saisine starts from, and what the mandate still lacks (before writing). */
export function DemarcheContextNotice({ demarche }: { demarche: DemarcheContext }) {
  const gap = demarche.mandateGap;
  return (
    <>
      <div className="fr-callout fr-mb-3w" id="contexte-demarche">
        <p className="fr-callout__text">
          Démarche : <a href={`/demarches/${demarche.id}`}>{demarche.titre}</a>
          <br />
          Usager :{" "}
          <a href={`/usagers/${demarche.usager.id}`}>
            {demarche.usager.prenom} {demarche.usager.nom.toUpperCase()}
          </a>
        </p>
      </div>
      {gap && (
        <Notice kind="error" title="Un mandat valide est nécessaire avant d’écrire">
          <p>
            Une saisine au sujet d’un usager nommé exige un mandat signé, en cours de validité, qui couvre la démarche.{" "}
            {GAP_TEXT[gap.kind].why}
          </p>
          <p>
            <a className="fr-link" href={gapHref(gap, demarche.usager.id)} id="action-mandat">
              {GAP_TEXT[gap.kind].fix}
            </a>
          </p>
        </Notice>
      )}
    </>
  );
}

/** The partners with no referent group for this structure: never offered, and what to do instead. */
export function UnreachablePartners({ partners }: { partners: PartnerReach[] }) {
  const unreachable = partners.filter((partner) => !partner.reachable);
  if (unreachable.length === 0) return null;
  return (
    <details className="fr-mb-3w" id="partenaires-sans-referent">
      <summary>Partenaires sans groupe de référents pour votre structure ({unreachable.length})</summary>
      <p className="fr-mt-1w">
        Ces partenaires ne peuvent pas encore être saisis ici : {unreachable.map((partner) => partner.label).join(", ")}
        . Passez par leur canal public (site, téléphone, accueil) ou demandez à votre coordinateur départemental de
        faire désigner un groupe de référents.
      </p>
    </details>
  );
}
