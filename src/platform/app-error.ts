/**
 * Domain errors are typed codes with one French message each. They reach the user as a field
 * error, a flash message or a JSON error body, never as a generic "erreur".
 */
export const ERROR_MESSAGES = {
  "auth.required": "Vous devez vous connecter pour accéder à cette page.",
  "auth.forbidden": "Vous n’avez pas les droits nécessaires pour accéder à cette page.",
  "auth.invalid_credentials": "Adresse électronique ou mot de passe incorrect.",
  "auth.throttled": "Trop de tentatives de connexion. Réessayez dans quelques minutes.",
  "auth.invalid_totp": "Code incorrect ou expiré. Saisissez le code à 6 chiffres affiché par votre application.",
  "auth.invalid_token": "Ce lien n’est plus valide. Il a peut-être déjà servi ou expiré.",
  "auth.invalid_api_token": "Jeton d’API absent, invalide ou révoqué.",
  "api_token.not_found": "Ce jeton d’API n’existe pas ou a déjà été révoqué.",
  "auth.api_session_cookie":
    "L’API n’accepte pas la session du navigateur : authentifiez-vous avec un jeton d’API (en-tête Authorization: Bearer).",
  "csrf.rejected": "Requête refusée : elle ne provient pas de Guichet. Rechargez la page et recommencez.",
  not_found: "La ressource demandée n’existe pas.",
  "server.busy":
    "Guichet est très sollicité en ce moment : les tableaux de bord attendent leur tour. Réessayez dans un instant.",
  "validation.failed": "Certaines informations sont invalides.",
  "saisine.not_found": "Cette saisine n’existe pas ou ne vous est pas adressée.",
  "saisine.no_referent_group":
    "Aucun groupe de référents de ce partenaire ne couvre votre structure : demandez au coordinateur départemental de compléter l’annuaire.",
  "saisine.message_not_allowed": "Ce type de message n’est pas possible de votre côté de la saisine.",
  "saisine.reroute_target_invalid": "Choisissez un autre groupe de référents du même département.",
  "saisine.destroyed": "Les données de cette saisine ont été détruites (durée de conservation écoulée).",
  "saisine.usager_demarche_required":
    "Une saisine au sujet d’un usager nommé part d’une démarche de cet usager couverte par un mandat : choisissez-la.",
  "saisine.source_not_found": "Cette sollicitation ou cette démarche n’existe pas ou n’est pas dans votre structure.",
  "referent_group.not_found": "Ce groupe de référents n’existe pas ou n’est pas dans votre périmètre.",
  "referent_group.member_invalid": "Ce compte n’est pas référent de ce partenaire dans ce département.",
  "api.nul_character": "Le texte envoyé contient un caractère nul (\\u0000), qui n’est pas accepté.",
  "pilotage.table_unavailable":
    "Ce tableau n’existe pas dans ce rapport : la répartition par agent est réservée au responsable de la structure, les structures sont au niveau département, les départements et les formats au niveau national.",
  "pilotage.records_level_invalid": "L’export des enregistrements anonymisés se fait par structure ou par département.",
  "pilotage.records_period_too_long":
    "L’export des enregistrements couvre une année au plus : choisissez une période plus courte.",
  "pilotage.period_not_whole":
    "Hors de l’équipe de la structure, un rapport porte sur un mois, un trimestre ou une année entiers : choisissez l’une de ces périodes.",
  "pilotage.records_team_only":
    "Les enregistrements anonymisés ne sont exportables que par l’équipe de la structure : utilisez les rapports, qui protègent les petits effectifs.",
  "pilotage.scope_forbidden": "Ce tableau de bord n’est pas dans votre périmètre.",
  "pilotage.period_invalid":
    "Période invalide : utilisez 2026, 2026-Q3, 2026-09, 2026-W38, 2026-09-15 ou 2026-01-01..2026-03-31.",
  "usager.not_found": "Cette fiche usager n’existe pas ou n’est pas dans votre structure.",
  "usager.structure_required": "Choisissez d’abord la structure où vous travaillez.",
  "usager.merge_same": "Choisissez une autre fiche : une fiche ne peut pas être fusionnée avec elle-même.",
  "usager.merge_identifier_conflict":
    "Les deux fiches ont un identifiant du même type : supprimez l’un des deux avant de fusionner.",
  "usager.erasure_blocked":
    "Cette fiche ne peut pas être effacée : un mandat est en cours. Enregistrez d’abord sa révocation.",
  "usager.identifier_demarche_required":
    "Un identifiant n’est enregistré que pour une démarche en cours de cet usager : choisissez-la.",
  "usager.identifier_not_found": "Cet identifiant n’existe pas sur cette fiche.",
  "encryption.unavailable":
    "Le chiffrement n’est pas configuré (ENCRYPTION_KEYS) : les identifiants des partenaires ne peuvent être ni enregistrés ni lus.",
  "encryption.unreadable": "Cet identifiant ne peut pas être déchiffré avec les clés configurées.",
  "demarche.not_found": "Cette démarche n’existe pas ou n’est pas dans votre structure.",
  "demarche.closed": "Cette démarche est close : rouvrez-la pour la modifier.",
  "demarche.incomplete":
    "Le dossier n’est pas complet : chaque pièce doit être vérifiée avant d’établir la fiche de transmission.",
  "demarche.not_complete":
    "Marquez d’abord le dossier complet : la fiche de transmission accompagne un dossier vérifié.",
  "demarche.rdv_missing": "Aucun rendez-vous n’est préparé pour cette démarche.",
  "demarche.passage_not_found": "Ce passage n’existe pas ou n’est pas dans votre structure.",
  "demarche.agent_invalid": "Choisissez un agent de la structure.",
  "demarche.piece_not_found": "Cette pièce n’existe pas dans cette démarche.",
  "mandat.not_found": "Ce mandat n’existe pas ou n’est pas dans votre structure.",
  "mandat.required":
    "Cette action est faite au nom et pour le compte de l’usager : elle exige un mandat signé, en cours de validité, qui couvre cette démarche.",
  "mandat.demarches_required": "Choisissez au moins une démarche en cours de cet usager.",
  "mandat.not_active": "Ce mandat n’est plus en cours : il ne peut plus être modifié.",
  "mandat.already_signed": "La date de signature de ce mandat est déjà enregistrée.",
  "mandat.date_invalid": "Cette date ne peut être ni dans le futur ni antérieure à la création du mandat.",
  "mandat.not_revoked": "Ce mandat n’a pas été révoqué : il n’y a pas d’attestation de révocation.",
  "mandat.not_renewable":
    "Ce mandat ne peut pas être renouvelé : il est révoqué, pas encore signé, ou terminé sans démarche rouverte.",
  "mandat.renewal_before_end": "Le renouvellement ne peut pas précéder la date à laquelle le mandat a pris fin.",
  "mandat.authorisation_not_found":
    "Cette démarche n’est pas couverte par ce mandat, ou son autorisation est déjà révoquée.",
  "mandat.code_unknown": "Aucun mandat ne correspond à ce code de vérification.",
  "accueil.deletion_reason_invalid": "Indiquez le motif de la suppression, en 3 à 500 caractères.",
  "accueil.sollicitations_full": "Un passage compte 20 demandes au plus : enregistrez un nouveau passage.",
  "file_attente.inactive": "La file d’attente n’est pas activée pour cette structure.",
  "file_attente.configure_forbidden":
    "Seul le ou la responsable de la structure peut activer ou désactiver la file d’attente.",
  "file_attente.entry_not_found": "Cette personne n’est plus dans la file d’attente de votre structure.",
  "api.idempotency_key_invalid":
    "L’en-tête Idempotency-Key doit contenir de 1 à 200 lettres, chiffres, « _ » ou « - ».",
  "accueil.list_forbidden": "Vous ne pouvez consulter que les passages de vos structures.",
  "demo.no_agent": "Cette structure n’a aucun agent en fonction : ajoutez-en un avant de générer de l’activité.",
  "accueil.structure_forbidden": "Vous ne pouvez enregistrer des passages que dans vos structures.",
  "accueil.passage_not_found": "Ce passage n’existe pas ou n’est pas dans votre périmètre.",
  "accueil.correction_closed":
    "Ce passage ne peut plus être corrigé : la correction est possible pendant 30 jours, par son auteur ou un responsable.",
  "accueil.idempotency_conflict": "Cette clé d’idempotence a déjà servi pour un autre passage.",
  "api.invalid_json": "Le corps de la requête doit être un objet JSON valide.",
  "api.method_not_allowed": "Cette méthode n’est pas acceptée sur cette adresse.",
  "api.json_too_deep": "Le corps de la requête imbrique trop d’objets ou de listes (32 niveaux au plus).",
  "http.method_not_allowed": "Cette méthode n’est pas acceptée sur cette adresse.",
  "http.length_required": "La longueur du corps de la requête doit être annoncée (en-tête Content-Length).",
  "http.body_too_large": "La requête est trop volumineuse : elle dépasse la taille maximale acceptée.",
  "http.unsupported_media_type":
    "Ce type de contenu n’est pas accepté ici : envoyez un formulaire, ou du JSON (application/json) à l’API.",
  "http.invalid_utf8":
    "Le texte envoyé contient des octets qui ne sont pas de l’UTF-8 valide : vérifiez les caractères spéciaux et renvoyez-le.",
  "api.internal": "Une erreur inattendue est survenue ; elle a été enregistrée. Réessayez dans un instant.",
  "role.not_found": "Ce rôle n’existe pas ou n’est pas dans votre périmètre.",
  "role.scope_forbidden": "Vous ne pouvez pas attribuer ce rôle sur ce périmètre.",
  "role.already_held": "Cette personne a déjà ce rôle sur ce périmètre.",
  "role.end_before_start": "La date de fin ne peut pas précéder la date de début du rôle.",
  "structure.scope_forbidden": "Cette commune est hors de vos départements.",
  "structure.parent_invalid":
    "Choisissez une structure principale de votre périmètre : ni une antenne, ni la structure elle-même.",
  "partenaire_local.scope_forbidden": "Vous ne pouvez ajouter un partenaire local que dans vos départements.",
  "partenaire_local.structure_mismatch": "Cette structure n’est pas dans le département choisi.",
  "structure.has_antennes": "Cette structure a des antennes : elle ne peut pas devenir elle-même une antenne.",
  "auth.invalid_recovery_code": "Code de secours incorrect ou déjà utilisé.",
  "auth.second_factor_required": "Votre rôle exige la double authentification : elle ne peut pas être désactivée.",
  "structure.not_found": "Cette structure n’existe pas ou n’est pas dans votre périmètre.",
  "structure.commune_unknown": "Code commune INSEE inconnu.",
  "structure.parent_required": "Une antenne doit être rattachée à une structure principale.",
  "user.email_taken": "Un compte existe déjà avec cette adresse électronique.",
  "user.not_found": "Utilisateur introuvable.",
  "invitation.scope_forbidden": "Vous ne pouvez pas inviter sur ce périmètre.",
  "partner.unknown": "Partenaire inconnu.",
  "departement.unknown": "Département inconnu.",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status = 400,
    readonly field?: string,
  ) {
    super(ERROR_MESSAGES[code]);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
