import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { passages } from "./accueil";
import { users } from "./comptes";
import { refPartenaires, refSituations } from "./referentiel";
import { partenairesLocaux, structures } from "./structures";

/**
 * An usager's file: it exists only when a follow-up needs one (a démarche, a mandate), holds the
 * minimum, and is destroyed by the retention job when nothing needs it any more (src/retention).
 * Nothing scanned is ever stored: no column holds a document.
 */
export const usagers = pgTable(
  "usagers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    nom: text("nom").notNull(),
    prenom: text("prenom").notNull(),
    /** "nom prenom" lower case without accents, for the search by name. */
    nomRecherche: text("nom_recherche").notNull(),
    dateNaissance: date("date_naissance"),
    telephone: text("telephone"),
    email: text("email"),
    commune: text("commune"),
    /** When the agent confirmed that the usager received the information notice. */
    noticeRemiseAt: timestamp("notice_remise_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("usagers_structure_nom_idx").on(t.structureId, t.nomRecherche),
    check(
      "usagers_nom_check",
      sql`char_length(${t.nom}) between 1 and 100 and char_length(${t.prenom}) between 1 and 100`,
    ),
    check("usagers_telephone_check", sql`${t.telephone} is null or char_length(${t.telephone}) between 6 and 30`),
    check("usagers_email_check", sql`${t.email} is null or char_length(${t.email}) between 3 and 200`),
    check("usagers_commune_check", sql`${t.commune} is null or char_length(${t.commune}) between 1 and 100`),
  ],
);

/**
 * A démarche: one procedure followed to its end. Once terminée or abandonnée and past the grace
 * period, the retention job pseudonymises it: the usager link, the texts and the checklist go;
 * structure, partner, situation, status and dates stay for the statistics (destroyed_at is set).
 */
export const demarches = pgTable(
  "demarches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    usagerId: uuid("usager_id").references(() => usagers.id, { onDelete: "set null" }),
    partnerKey: text("partner_key").references(() => refPartenaires.key),
    partenaireLocalId: uuid("partenaire_local_id").references(() => partenairesLocaux.id),
    situationKey: text("situation_key").references(() => refSituations.key),
    titre: text("titre"),
    statut: text("statut").notNull().default("ouverte"),
    /** Actions "au nom et pour le compte de l'usager": they need an active mandate covering this démarche. */
    pourLeCompte: boolean("pour_le_compte").notNull().default(false),
    prochaineEtape: text("prochaine_etape"),
    prochaineEtapeLe: date("prochaine_etape_le"),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id),
    notes: text("notes"),
    remarquesTransmission: text("remarques_transmission"),
    completAt: timestamp("complet_at", { withTimezone: true }),
    completBy: uuid("complet_by").references(() => users.id),
    rdvAt: timestamp("rdv_at", { withTimezone: true }),
    rdvLieu: text("rdv_lieu"),
    rdvInterlocuteur: text("rdv_interlocuteur"),
    rdvContact: text("rdv_contact"),
    rdvRemarques: text("rdv_remarques"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    inactivityFlaggedAt: timestamp("inactivity_flagged_at", { withTimezone: true }),
    destroyedAt: timestamp("destroyed_at", { withTimezone: true }),
  },
  (t) => [
    index("demarches_structure_idx").on(t.structureId, t.statut),
    index("demarches_usager_idx").on(t.usagerId),
    index("demarches_agent_etape_idx").on(t.agentId, t.prochaineEtapeLe),
    check(
      "demarches_statut_check",
      sql`${t.statut} in ('ouverte', 'attente_usager', 'attente_partenaire', 'terminee', 'abandonnee')`,
    ),
    check("demarches_closed_check", sql`(${t.statut} in ('terminee', 'abandonnee')) = (${t.closedAt} is not null)`),
    check("demarches_partner_check", sql`not (${t.partnerKey} is not null and ${t.partenaireLocalId} is not null)`),
    check(
      "demarches_destroyed_check",
      sql`case when ${t.destroyedAt} is null
        then ${t.usagerId} is not null and char_length(${t.titre}) between 3 and 200
        else ${t.usagerId} is null and ${t.titre} is null and ${t.notes} is null and ${t.prochaineEtape} is null
          and ${t.remarquesTransmission} is null and ${t.rdvLieu} is null and ${t.rdvInterlocuteur} is null
          and ${t.rdvContact} is null and ${t.rdvRemarques} is null and ${t.closedAt} is not null
      end`,
    ),
    check("demarches_notes_check", sql`${t.notes} is null or char_length(${t.notes}) <= 2000`),
  ],
);

/** The checklist of pièces justificatives: a label and a state. Never the document itself. */
export const demarchePieces = pgTable(
  "demarche_pieces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    demarcheId: uuid("demarche_id")
      .notNull()
      .references(() => demarches.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    libelle: text("libelle").notNull(),
    etat: text("etat").notNull().default("a_fournir"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("demarche_pieces_position_unique").on(t.demarcheId, t.position),
    check("demarche_pieces_etat_check", sql`${t.etat} in ('a_fournir', 'fourni', 'verifie')`),
    check("demarche_pieces_libelle_check", sql`char_length(${t.libelle}) between 2 and 200`),
  ],
);

/** Passages of the accueil linked to a démarche, so that the history of visits shows. */
export const demarchePassages = pgTable(
  "demarche_passages",
  {
    demarcheId: uuid("demarche_id")
      .notNull()
      .references(() => demarches.id, { onDelete: "cascade" }),
    passageId: uuid("passage_id")
      .notNull()
      .references(() => passages.id, { onDelete: "cascade" }),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.demarcheId, t.passageId] }), index("demarche_passages_passage_idx").on(t.passageId)],
);

/** Actions done "au nom et pour le compte de l'usager", each under an active mandate. */
export const demarcheActions = pgTable(
  "demarche_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    demarcheId: uuid("demarche_id")
      .notNull()
      .references(() => demarches.id, { onDelete: "cascade" }),
    mandatId: uuid("mandat_id")
      .notNull()
      .references((): AnyPgColumn => mandats.id),
    nature: text("nature").notNull(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("demarche_actions_demarche_idx").on(t.demarcheId),
    check(
      "demarche_actions_nature_check",
      sql`${t.nature} in ('demarche_en_ligne', 'demande_communication_donnees', 'echange_partenaire')`,
    ),
  ],
);

/**
 * Partner identifiers (numéro allocataire CAF, NIR, numéro fiscal, identifiant France Travail),
 * stored only for the démarche that needs them, encrypted (AES-256-GCM, src/platform/encryption.server.ts).
 */
export const usagerIdentifiants = pgTable(
  "usager_identifiants",
  {
    id: uuid("id").primaryKey(),
    usagerId: uuid("usager_id")
      .notNull()
      .references(() => usagers.id, { onDelete: "cascade" }),
    demarcheId: uuid("demarche_id")
      .notNull()
      .references(() => demarches.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    /** "v1:<key id>:<iv>:<tag>:<ciphertext>", base64url parts. */
    chiffre: text("chiffre").notNull(),
    keyId: text("key_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("usager_identifiants_type_unique").on(t.usagerId, t.type),
    check(
      "usager_identifiants_type_check",
      sql`${t.type} in ('caf_allocataire', 'nir', 'numero_fiscal', 'france_travail')`,
    ),
  ],
);

/**
 * A mandate ("mandat type", 003): one row, with one authorisation row per démarche (partial
 * revocation) and one row per category of data authorised. The mandant's name is copied here:
 * the mandate is kept for proof after the usager file is destroyed, then pseudonymised.
 */
export const mandats = pgTable(
  "mandats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    usagerId: uuid("usager_id").references(() => usagers.id, { onDelete: "set null" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id),
    mandantNom: text("mandant_nom"),
    mandantPrenom: text("mandant_prenom"),
    mandantCommune: text("mandant_commune"),
    lieu: text("lieu"),
    /** The codes and identifiers of the usager are covered (they are never stored by Guichet). */
    identifiantsConnexion: boolean("identifiants_connexion").notNull().default(false),
    verificationCode: text("verification_code").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    signedOn: date("signed_on"),
    expiresOn: date("expires_on").notNull(),
    renewedAt: timestamp("renewed_at", { withTimezone: true }),
    expiryWarnedAt: timestamp("expiry_warned_at", { withTimezone: true }),
    /** Set when every démarche covered is done (terminée or abandonnée); final: only a renewal clears it. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedOn: date("revoked_on"),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revocationReason: text("revocation_reason"),
    destroyedAt: timestamp("destroyed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("mandats_verification_code_unique").on(t.verificationCode),
    index("mandats_usager_idx").on(t.usagerId),
    index("mandats_structure_idx").on(t.structureId),
    check("mandats_revocation_check", sql`(${t.revokedAt} is null) = (${t.revokedOn} is null)`),
    check(
      "mandats_destroyed_check",
      sql`${t.destroyedAt} is not null or (${t.mandantNom} is not null and ${t.mandantPrenom} is not null and ${t.lieu} is not null)`,
    ),
    check(
      "mandats_destroyed_empty_check",
      sql`${t.destroyedAt} is null or (${t.usagerId} is null and ${t.mandantNom} is null and ${t.mandantPrenom} is null and ${t.mandantCommune} is null and ${t.revocationReason} is null)`,
    ),
  ],
);

/** One authorisation per démarche covered: revocable on its own. */
export const mandatDemarches = pgTable(
  "mandat_demarches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mandatId: uuid("mandat_id")
      .notNull()
      .references(() => mandats.id, { onDelete: "cascade" }),
    demarcheId: uuid("demarche_id").references(() => demarches.id, { onDelete: "set null" }),
    /** The démarche as printed on the mandate (kept for proof, removed with the mandate). */
    libelle: text("libelle"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revocationReason: text("revocation_reason"),
  },
  (t) => [index("mandat_demarches_mandat_idx").on(t.mandatId), index("mandat_demarches_demarche_idx").on(t.demarcheId)],
);

/** Categories of personal data the mandant authorises (keys, labels in src/donnees-personnelles/mandats.labels.ts). */
export const mandatDonnees = pgTable(
  "mandat_donnees",
  {
    mandatId: uuid("mandat_id")
      .notNull()
      .references(() => mandats.id, { onDelete: "cascade" }),
    donneeKey: text("donnee_key").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mandatId, t.donneeKey] }),
    check(
      "mandat_donnees_key_check",
      sql`${t.donneeKey} in ('etat_civil', 'coordonnees', 'situation_familiale', 'ressources', 'logement', 'emploi', 'sante', 'fiscalite', 'identifiants_partenaires')`,
    ),
  ],
);
