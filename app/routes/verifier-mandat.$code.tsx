import { data } from "react-router";
import { requirePublic } from "../../src/acces/guards.server";
import { VERIFICATION_LABELS } from "../../src/donnees-personnelles/mandats.labels";
import { verifyMandat } from "../../src/mandats/verify-mandat.server";
import { longDate } from "../components/format";
import type { Route } from "./+types/verifier-mandat.$code";

export const meta: Route.MetaFunction = () => [
  { title: "Vérifier un mandat — Guichet" },
  { name: "robots", content: "noindex" },
];

/** Public: the status of the mandate printed with this code. No personal data, not even the structure. */
export async function loader({ request, params }: Route.LoaderArgs) {
  requirePublic(request);
  const result = await verifyMandat(params.code);
  return data({ result }, { status: result ? 200 : 404 });
}

const KINDS = { valide: "success", revoque: "error", expire: "warning", en_attente_signature: "info" } as const;

export default function VerifierMandat({ loaderData }: Route.ComponentProps) {
  const { result } = loaderData;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>Vérifier un mandat</h1>
        <p>
          Cette page indique si un mandat établi dans une France Services est en vigueur. Elle n’affiche aucune donnée
          personnelle.
        </p>
        {result ? (
          <div className={`fr-alert fr-alert--${KINDS[result.result]}`} role="status">
            <h2 className="fr-alert__title">{VERIFICATION_LABELS[result.result]}</h2>
            {result.validUntil && (
              <p>
                Il est valable jusqu’au {longDate(result.validUntil)} inclus, sauf révocation ou réalisation des
                démarches avant cette date.
              </p>
            )}
            {result.result === "revoque" && result.endedOn && <p>Révoqué le {longDate(result.endedOn)}.</p>}
            {result.result === "expire" && result.endedOn && <p>Il a pris fin le {longDate(result.endedOn)}.</p>}
          </div>
        ) : (
          <div className="fr-alert fr-alert--error" role="status">
            <h2 className="fr-alert__title">Code inconnu</h2>
            <p>Aucun mandat ne correspond à ce code de vérification. Vérifiez le code imprimé sur le mandat.</p>
          </div>
        )}
      </div>
    </div>
  );
}
