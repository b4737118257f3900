import type { Role } from "../../../src/acces/roles";
import { forbiddenAdvice } from "./forbidden-advice";

const TEXTS: Record<number, { title: string; lead: string; body: string }> = {
  401: {
    title: "Connexion nécessaire",
    lead: "Vous devez vous connecter pour accéder à cette page.",
    body: "Connectez-vous avec votre compte Guichet, puis réessayez.",
  },
  403: {
    title: "Accès refusé",
    lead: "Vous n’avez pas les droits nécessaires pour accéder à cette page.",
    body: "Si vous pensez que c’est une erreur, contactez le responsable de votre structure ou votre coordinateur départemental.",
  },
  404: {
    title: "Page non trouvée",
    lead: "La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.",
    body: "Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible.",
  },
  500: {
    title: "Erreur inattendue",
    lead: "Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement possible.",
    body: "Essayez de rafraîchir la page ou bien réessayez plus tard.",
  },
};

/** `roles`: the reader's roles, for advice that fits them on a 403 (none when not signed in). */
export function ErrorPage({
  status,
  message,
  roles = [],
}: {
  status: number;
  message?: string;
  roles?: readonly Role[];
}) {
  const text =
    TEXTS[status] ??
    (status >= 500 ? TEXTS[500] : { ...TEXTS[404], title: "Requête impossible", lead: message ?? TEXTS[404].lead });
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center fr-my-7w">
      <div className="fr-col-12 fr-col-md-8">
        <title>{`${text.title} — Guichet`}</title>
        <h1>{text.title}</h1>
        <p className="fr-text--sm fr-mb-3w">Erreur {status}</p>
        <p className="fr-text--lead fr-mb-3w">{status === 403 && message ? message : text.lead}</p>
        <p className="fr-text--sm fr-mb-5w">{status === 403 ? forbiddenAdvice(roles) : text.body}</p>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a className="fr-btn" href="/">
              Page d’accueil
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}
