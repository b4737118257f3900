import { requirePublic } from "../../src/acces/guards.server";
import type { Route } from "./+types/accessibilite";

export const meta: Route.MetaFunction = () => [{ title: "Déclaration d’accessibilité — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  requirePublic(request);
  return null;
}

/** When this statement was last reviewed against the software (update it with the statement). */
const STATEMENT_DATE = "22 novembre 2026";

/**
 * The accessibility statement, following the structure of the RGAA 4.1 model statement.
 * Keep it true: it says what is checked today (axe-core on every page in CI) and what is not yet.
 */
export default function Accessibilite() {
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-10">
        <h1>Déclaration d’accessibilité</h1>
        <p className="fr-text--lead">
          L’organisme qui exploite cette instance de Guichet s’engage à rendre ses services numériques accessibles,
          conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
        </p>
        <p>
          Cette déclaration d’accessibilité s’applique à Guichet, le logiciel libre du réseau France Services, dans la
          version installée sur cette instance : pages de connexion, accueil, structures, équipe et comptes, partenaires
          et administration.
        </p>

        <h2>État de conformité</h2>
        <p>
          Guichet est <strong>non conforme</strong> avec le référentiel général d’amélioration de l’accessibilité
          (RGAA), version 4.1 : c’est la mention que le RGAA impose tant qu’aucun audit n’a été réalisé, et non le
          constat d’un défaut connu.
        </p>
        <p>
          Aucun audit de conformité complet n’a encore été réalisé : le taux de conformité aux critères du RGAA n’est
          donc pas encore mesuré. Cette mention sera mise à jour à l’issue du premier audit.
        </p>

        <h2>Ce qui est vérifié aujourd’hui</h2>
        <p>À chaque modification du logiciel, une suite de tests automatiques :</p>
        <ul>
          <li>
            ouvre chaque page de l’application dans un navigateur (Chromium), avec un compte qui a le droit de la voir,
            ainsi que les pages d’erreur (page introuvable, accès refusé) ;
          </li>
          <li>
            analyse chaque page avec l’outil axe-core : aucune erreur n’est tolérée, une seule erreur bloque la
            publication de la version ;
          </li>
          <li>vérifie que chaque page a un titre de niveau 1 et un seul ;</li>
          <li>
            parcourt le menu principal de chaque profil d’utilisateur, et vérifie que la connexion fonctionne sans
            JavaScript.
          </li>
        </ul>
        <p>
          L’interface utilise le Système de design de l’État (DSFR), dont les composants sont conçus pour respecter le
          RGAA.
        </p>

        <h2>Contenus non accessibles</h2>
        <h3>Non-conformités</h3>
        <p>
          Les outils automatiques ne détectent qu’une partie des défauts d’accessibilité. Les critères qui demandent un
          jugement humain n’ont pas encore été évalués, notamment :
        </p>
        <ul>
          <li>la pertinence des textes alternatifs et des intitulés de liens et de boutons ;</li>
          <li>l’ordre de lecture et la navigation complète au clavier, page par page ;</li>
          <li>la restitution des pages et des messages d’erreur par les lecteurs d’écran ;</li>
          <li>l’affichage avec un zoom de 200 % et sur petits écrans.</li>
        </ul>
        <p>Si vous rencontrez l’un de ces défauts, signalez-le : il sera corrigé en priorité.</p>
        <h3>Dérogations pour charge disproportionnée</h3>
        <p>Aucune.</p>
        <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
        <p>Aucun.</p>

        <h2>Établissement de cette déclaration d’accessibilité</h2>
        <p>Cette déclaration a été établie le {STATEMENT_DATE}.</p>
        <h3>Technologies utilisées pour la réalisation de Guichet</h3>
        <ul>
          <li>HTML5</li>
          <li>CSS (Système de design de l’État)</li>
          <li>JavaScript (React) ; les formulaires fonctionnent aussi sans JavaScript</li>
        </ul>
        <h3>Environnement de test</h3>
        <p>Navigateur Chromium, sans interface graphique, sous Linux.</p>
        <h3>Outils utilisés pour évaluer l’accessibilité</h3>
        <ul>
          <li>axe-core (tests automatiques de chaque page)</li>
        </ul>
        <h3>Pages ayant fait l’objet de la vérification</h3>
        <p>
          Toutes les pages de l’application, y compris les pages publiques (connexion, mot de passe oublié, présente
          déclaration, données personnelles, mentions légales) et les pages d’erreur.
        </p>

        <h2>Retour d’information et contact</h2>
        <p>
          Si vous n’arrivez pas à accéder à un contenu ou à un service de Guichet, vous pouvez contacter le responsable
          de votre structure France Services, votre coordinateur départemental à la préfecture, ou l’organisme qui
          exploite cette instance, pour être orienté vers une alternative accessible ou obtenir le contenu sous une
          autre forme.
        </p>

        <h2>Voies de recours</h2>
        <p>
          Cette procédure est à utiliser dans le cas suivant : vous avez signalé un défaut d’accessibilité qui vous
          empêche d’accéder à un contenu ou à un service de Guichet et vous n’avez pas obtenu de réponse satisfaisante.
        </p>
        <p>Vous pouvez saisir le Défenseur des droits :</p>
        <ul>
          <li>
            en écrivant un message au Défenseur des droits par le{" "}
            <a className="fr-link" href="https://formulaire.defenseurdesdroits.fr/">
              formulaire en ligne du Défenseur des droits
            </a>{" "}
            ;
          </li>
          <li>
            en contactant{" "}
            <a className="fr-link" href="https://www.defenseurdesdroits.fr/saisir/delegues">
              le délégué du Défenseur des droits dans votre région
            </a>{" "}
            ;
          </li>
          <li>
            en envoyant un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre
            réponse 71120, 75342 Paris CEDEX 07.
          </li>
        </ul>
      </div>
    </div>
  );
}
