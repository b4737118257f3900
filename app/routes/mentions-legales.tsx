import { requirePublic } from "../../src/acces/guards.server";
import type { Route } from "./+types/mentions-legales";

export const meta: Route.MetaFunction = () => [{ title: "Mentions légales — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  requirePublic(request);
  return null;
}

/**
 * Legal notice. Guichet is installed by many organisations: the text names their roles, not one
 * organisation, and says where each operator's own details are to be found.
 */
export default function MentionsLegales() {
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-10">
        <h1>Mentions légales</h1>

        <h2>Éditeur</h2>
        <p>
          Cette instance de Guichet est éditée par l’organisme qui l’exploite : le service de l’État ou le gestionnaire
          de structure France Services (commune, intercommunalité, association, groupement d’intérêt public…) qui la met
          à disposition de ses équipes et de ses partenaires.
        </p>
        <p>
          Le directeur de la publication est le représentant légal de cet organisme. Ses coordonnées sont disponibles
          auprès de votre structure France Services ou de votre coordinateur départemental à la préfecture.
        </p>

        <h2>Hébergement</h2>
        <p>
          L’hébergeur de l’instance est choisi par l’organisme qui l’exploite, qui communique sur simple demande sa
          raison sociale, son adresse et son numéro de téléphone.
        </p>

        <h2>Logiciel et code source</h2>
        <p>
          Guichet est un logiciel libre, publié sous la licence publique de l’Union européenne (EUPL), version 1.2. Son
          code source est ouvert : chacun peut le lire, le réutiliser, l’installer et proposer des améliorations, dans
          les conditions de cette licence.
        </p>
        <p>
          L’interface utilise le Système de design de l’État (DSFR). Sauf mention contraire, les contenus éditoriaux de
          Guichet sont proposés sous licence Etalab 2.0 (licence ouverte).
        </p>

        <h2>Accessibilité</h2>
        <p>
          L’état de conformité de Guichet au référentiel général d’amélioration de l’accessibilité est décrit dans la{" "}
          <a className="fr-link" href="/accessibilite">
            déclaration d’accessibilité
          </a>
          .
        </p>

        <h2>Données personnelles</h2>
        <p>
          Les données traitées, leurs finalités, leurs durées de conservation et vos droits sont décrits sur la page{" "}
          <a className="fr-link" href="/donnees-personnelles">
            Données personnelles
          </a>
          .
        </p>

        <h2>Sécurité</h2>
        <p>
          Si vous découvrez une faille de sécurité, signalez-la à l’organisme qui exploite cette instance sans
          l’exploiter ni la divulguer, afin qu’elle puisse être corrigée.
        </p>
      </div>
    </div>
  );
}
