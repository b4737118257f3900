import { requirePublic } from "../../src/acces/guards.server";
import type { Route } from "./+types/donnees-personnelles";

export const meta: Route.MetaFunction = () => [{ title: "Données personnelles — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  requirePublic(request);
  return null;
}

type Processing = { data: string; who: string; why: string; kept: string };

/** What Guichet stores, and for how long. Keep it in step with the schema and the housekeeping job. */
const PROCESSINGS: Processing[] = [
  {
    data: "Nom, prénom, adresse électronique, rôles et périmètres (structure, département, partenaire) avec leurs dates, empreinte du mot de passe, secret de double authentification",
    who: "Agents, responsables de structure, référents des partenaires, coordinateurs, administrateurs",
    why: "Donner accès à Guichet et limiter chacun à son périmètre",
    kept: "Tant que le compte existe",
  },
  {
    data: "Session de connexion (identifiant conservé sous forme d’empreinte, dates de début et de dernière activité)",
    who: "Utilisateurs connectés",
    why: "Garder l’utilisateur connecté en sécurité",
    kept: "Jusqu’à la déconnexion, après 30 minutes d’inactivité ou 12 heures au plus (réglages par défaut)",
  },
  {
    data: "Tentatives de connexion : adresse électronique saisie, adresse IP, date, réussite ou échec",
    who: "Toute personne qui tente de se connecter",
    why: "Bloquer les tentatives répétées de deviner un mot de passe",
    kept: "24 heures",
  },
  {
    data: "Journal d’audit : identifiant technique de l’auteur, rôle, structure, action, identifiant technique de l’élément concerné, date, adresse IP, navigateur",
    who: "Utilisateurs de Guichet",
    why: "Tracer les consultations et les modifications, prouver l’intégrité des données, détecter les abus",
    kept: "Entrées ajoutées sans jamais pouvoir être modifiées ni supprimées par l’application ; durée fixée par l’organisme exploitant dans son registre des traitements",
  },
  {
    data: "Invitations (nom, prénom, adresse électronique, rôle proposé) et liens de réinitialisation du mot de passe (conservés sous forme d’empreinte)",
    who: "Personnes invitées, utilisateurs ayant oublié leur mot de passe",
    why: "Créer un compte ou choisir un nouveau mot de passe",
    kept: "Lien de réinitialisation : jusqu’à son utilisation ou son expiration ; invitation non acceptée : 30 jours après son expiration",
  },
  {
    data: "Passages et demandes des usagers, sans nom ni coordonnées : date, durée, canal, tranche d’âge, genre, commune de résidence, motifs, partenaires concernés, aide apportée, issue, signalements (situation complexe, non-recours, difficulté numérique, allophonie, handicap), agent qui a reçu",
    who: "Usagers accueillis en France Services",
    why: "Suivre l’activité des structures et en rendre compte aux partenaires et à l’État",
    kept: "Fixée par l’organisme exploitant dans son registre des traitements",
  },
  {
    data: "File d’attente : numéro de ticket et, si l’usager le souhaite, son seul prénom pour l’appeler",
    who: "Usagers qui attendent à l’accueil",
    why: "Appeler les usagers dans l’ordre d’arrivée",
    kept: "Le prénom est effacé automatiquement dans l’heure qui suit la fin de la journée",
  },
  {
    data: "Dossier d’usager, seulement quand un suivi l’exige : nom, prénom, date de naissance et coordonnées facultatives, commune ; identifiants auprès des partenaires (numéro allocataire, NIR, numéro fiscal…) chiffrés, uniquement si la démarche les demande",
    who: "Usagers accompagnés dans une démarche",
    why: "Suivre une démarche jusqu’à son terme, préparer la transmission au partenaire",
    kept: "Détruit automatiquement 7 jours (par défaut) après la fin de la démarche, sauf si une autre démarche ou un mandat en cours en a besoin",
  },
  {
    data: "Mandat : mandant, mandataire, démarches couvertes, catégories de données autorisées, dates de signature, de fin ou de révocation",
    who: "Usagers qui confient une démarche à un agent",
    why: "Agir au nom et pour le compte de l’usager, dans les limites qu’il a fixées, et en garder la preuve",
    kept: "Conservé pour preuve, avec les seules données nécessaires, 5 ans après sa fin (code civil, art. 2224), puis détruit",
  },
];

/** The privacy notice: what Guichet processes, why, for how long, and the rights of the people concerned. */
export default function DonneesPersonnelles() {
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-10">
        <h1>Données personnelles</h1>
        <p className="fr-text--lead">
          Guichet est le logiciel des agents des France Services. Cette page explique quelles données personnelles il
          traite, pourquoi, combien de temps, et comment exercer vos droits.
        </p>

        <h2>Responsable du traitement</h2>
        <p>
          Le responsable du traitement est l’organisme qui exploite cette instance de Guichet : le service de l’État ou
          le gestionnaire de structure France Services (commune, intercommunalité, association…) qui la met à
          disposition de ses équipes. Son délégué à la protection des données est votre interlocuteur pour toute
          question.
        </p>

        <h2>Base légale</h2>
        <p>
          Les traitements sont nécessaires à l’exécution d’une mission d’intérêt public (article 6, paragraphe 1, point
          e, du règlement général sur la protection des données) : l’accueil, l’information et l’accompagnement des
          usagers dans leurs démarches administratives, confiés aux France Services par les conventions qui les lient à
          l’État et aux partenaires.
        </p>

        <h2>Données traitées</h2>
        <div className="fr-table fr-table--bordered fr-table--multiline">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Données traitées par Guichet et durées de conservation</caption>
                  <thead>
                    <tr>
                      <th scope="col">Données</th>
                      <th scope="col">Personnes concernées</th>
                      <th scope="col">Finalité</th>
                      <th scope="col">Durée de conservation</th>
                    </tr>
                  </thead>
                  <tbody>
                    {PROCESSINGS.map((processing) => (
                      <tr key={processing.data}>
                        <td>{processing.data}</td>
                        <td>{processing.who}</td>
                        <td>{processing.why}</td>
                        <td>{processing.kept}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
        <p>
          Les demandes des usagers sont enregistrées sans nom. Un dossier nominatif n’est ouvert que lorsqu’un suivi
          l’exige (par exemple la transmission d’une situation à un partenaire), et ne contient que ce qui est
          nécessaire à ce suivi. Les zones de texte libre ne doivent contenir ni nom ni information permettant de
          reconnaître l’usager.
        </p>

        <h2>Ce que Guichet ne conserve jamais</h2>
        <ul>
          <li>les identifiants et mots de passe des usagers sur les sites des administrations et des partenaires ;</li>
          <li>les documents numérisés des usagers (pièces d’identité, justificatifs, avis d’imposition…) ;</li>
          <li>les mots de passe des agents en clair : seule une empreinte (Argon2id) est conservée ;</li>
          <li>
            de données personnelles dans les journaux techniques, les adresses des pages ou les courriels : un courriel
            de Guichet contient un lien, jamais le contenu d’un dossier ;
          </li>
          <li>
            de noms ni d’adresses électroniques dans le journal d’audit, qui ne contient que des identifiants
            techniques.
          </li>
        </ul>

        <h2>Destinataires</h2>
        <p>
          Les données ne sont accessibles qu’aux utilisateurs habilités, dans leur périmètre : les agents et
          responsables pour leur structure, les coordinateurs pour leur département, les référents des partenaires pour
          les situations qui leur sont transmises, le pilotage national pour des chiffres agrégés. Elles ne sont ni
          vendues, ni cédées, ni utilisées à des fins commerciales.
        </p>

        <h2>Cookies</h2>
        <p>
          Guichet dépose un seul cookie, strictement nécessaire au fonctionnement du service : le cookie de session, qui
          vous garde connecté. Il n’y a aucun cookie de mesure d’audience ni de publicité ; aucun consentement n’est
          donc demandé.
        </p>

        <h2>Sécurité</h2>
        <p>
          Les mots de passe sont protégés par Argon2id, la double authentification peut être exigée selon le rôle, les
          tentatives de connexion répétées sont bloquées, les sessions expirent, et chaque entrée du journal d’audit est
          chaînée à la précédente par une empreinte, ce qui rend toute altération détectable.
        </p>
        <p>
          En cas de violation de données personnelles, le responsable du traitement la notifie à la CNIL dans les 72
          heures après en avoir pris connaissance (article 33 du RGPD) et informe les personnes concernées lorsque la
          violation présente un risque élevé pour leurs droits et libertés (article 34).
        </p>

        <h2>Vos droits</h2>
        <p>
          Vous disposez d’un droit d’accès, de rectification, de limitation et d’opposition sur les données qui vous
          concernent, ainsi que d’un droit à l’effacement dans les limites prévues par le RGPD pour les traitements
          d’intérêt public. Pour les exercer, adressez-vous à la structure France Services qui vous a accueilli ou au
          délégué à la protection des données de l’organisme qui exploite cette instance.
        </p>
        <p>
          Si vous estimez, après l’avoir contacté, que vos droits ne sont pas respectés, vous pouvez adresser une
          réclamation à la{" "}
          <a className="fr-link" href="https://www.cnil.fr/fr/plaintes">
            Commission nationale de l’informatique et des libertés (CNIL)
          </a>
          .
        </p>

        <h2>Registre des traitements</h2>
        <p>
          Le registre détaillé des traitements de Guichet (catégories de données, finalités, bases légales et durées de
          conservation) est publié avec son code source :{" "}
          <a className="fr-link" href="/donnees-personnelles/registre">
            consulter le registre (texte)
          </a>
          .
        </p>
      </div>
    </div>
  );
}
