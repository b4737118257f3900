import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { refPartenaires, refSituations, refTypesAide } from "./referentiel";
import { partenairesLocaux, structures } from "./structures";

/**
 * One contact of one person with a structure. Anonymous by default: the optional profile holds
 * no name. Impossible combinations are refused by the database (checks below, and the deferred
 * constraint triggers of migration 0004 for what spans several tables).
 */
export const passages = pgTable(
  "passages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    dureeMinutes: integer("duree_minutes"),
    canal: text("canal").notNull(),
    avecRdv: boolean("avec_rdv").notNull().default(false),
    trancheAge: text("tranche_age"),
    genre: text("genre"),
    communeResidence: text("commune_residence"),
    premiereVisite: boolean("premiere_visite"),
    equipPoste: boolean("equip_poste").notNull().default(false),
    equipImprimante: boolean("equip_imprimante").notNull().default(false),
    equipScanner: boolean("equip_scanner").notNull().default(false),
    equipVisio: boolean("equip_visio").notNull().default(false),
    attenteSecondes: integer("attente_secondes"),
    idempotencyKey: text("idempotency_key"),
    /** sha256 of the request an idempotency key first came with: the same key with another body is refused. */
    idempotencyFingerprint: text("idempotency_fingerprint"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id),
    deletionReason: text("deletion_reason"),
  },
  (t) => [
    index("passages_structure_started_idx").on(t.structureId, t.startedAt),
    index("passages_agent_started_idx").on(t.agentId, t.startedAt),
    uniqueIndex("passages_idempotency_unique").on(t.agentId, t.idempotencyKey),
    check(
      "passages_canal_check",
      sql`${t.canal} in ('accueil_physique', 'telephone', 'courriel', 'courrier', 'visio', 'hors_les_murs', 'formulaire_en_ligne')`,
    ),
    check("passages_duree_check", sql`${t.dureeMinutes} is null or (${t.dureeMinutes} between 1 and 480)`),
    check(
      "passages_tranche_age_check",
      sql`${t.trancheAge} is null or ${t.trancheAge} in ('moins_26', '26_39', '40_54', '55_64', '65_74', '75_plus')`,
    ),
    check("passages_genre_check", sql`${t.genre} is null or ${t.genre} in ('femme', 'homme', 'autre')`),
    check(
      "passages_commune_check",
      sql`${t.communeResidence} is null or ${t.communeResidence} ~ '^(\\d{5}|2[AB]\\d{3})$'`,
    ),
    check(
      "passages_equipement_presentiel_check",
      sql`${t.canal} in ('accueil_physique', 'hors_les_murs') or not (${t.equipPoste} or ${t.equipImprimante} or ${t.equipScanner} or ${t.equipVisio})`,
    ),
    check(
      "passages_rdv_canal_check",
      sql`not ${t.avecRdv} or ${t.canal} in ('accueil_physique', 'hors_les_murs', 'telephone', 'visio')`,
    ),
    check(
      "passages_attente_check",
      sql`${t.attenteSecondes} is null or (${t.attenteSecondes} >= 0 and ${t.canal} in ('accueil_physique', 'hors_les_murs'))`,
    ),
    check(
      "passages_idempotency_key_check",
      sql`${t.idempotencyKey} is null or char_length(${t.idempotencyKey}) between 1 and 200`,
    ),
    check(
      "passages_deletion_check",
      sql`(${t.deletedAt} is null and ${t.deletedBy} is null and ${t.deletionReason} is null) or (${t.deletedAt} is not null and ${t.deletedBy} is not null and char_length(${t.deletionReason}) between 3 and 500)`,
    ),
  ],
);

/** One need handled during a passage. */
export const sollicitations = pgTable(
  "sollicitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    passageId: uuid("passage_id")
      .notNull()
      .references(() => passages.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    horsPartenaires: boolean("hors_partenaires").notNull().default(false),
    autonomie: text("autonomie").notNull(),
    issue: text("issue").notNull(),
    precision: text("precision"),
    situationComplexe: boolean("situation_complexe").notNull().default(false),
    nonRecours: boolean("non_recours").notNull().default(false),
    difficulteNumerique: boolean("difficulte_numerique").notNull().default(false),
    allophone: boolean("allophone").notNull().default(false),
    handicap: boolean("handicap").notNull().default(false),
  },
  (t) => [
    uniqueIndex("sollicitations_passage_position_unique").on(t.passageId, t.position),
    check("sollicitations_position_check", sql`${t.position} between 1 and 20`),
    check("sollicitations_autonomie_check", sql`${t.autonomie} in ('autonome', 'partiellement', 'entierement')`),
    check(
      "sollicitations_issue_check",
      sql`${t.issue} in ('resolu_sur_place', 'oriente_partenaire', 'rdv_partenaire', 'a_escalader', 'attente_pieces', 'non_resolu')`,
    ),
    check(
      "sollicitations_precision_check",
      sql`${t.precision} is null or char_length(${t.precision}) between 1 and 200`,
    ),
    check(
      "sollicitations_hors_partenaires_issue_check",
      sql`not ${t.horsPartenaires} or ${t.issue} not in ('oriente_partenaire', 'rdv_partenaire', 'a_escalader')`,
    ),
  ],
);

export const sollicitationPartenaires = pgTable(
  "sollicitation_partenaires",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sollicitationId: uuid("sollicitation_id")
      .notNull()
      .references(() => sollicitations.id, { onDelete: "cascade" }),
    partnerKey: text("partner_key").references(() => refPartenaires.key),
    partenaireLocalId: uuid("partenaire_local_id").references(() => partenairesLocaux.id),
  },
  (t) => [
    index("sollicitation_partenaires_sollicitation_idx").on(t.sollicitationId),
    uniqueIndex("sollicitation_partenaires_national_unique").on(t.sollicitationId, t.partnerKey),
    uniqueIndex("sollicitation_partenaires_local_unique").on(t.sollicitationId, t.partenaireLocalId),
    check("sollicitation_partenaires_one_check", sql`(${t.partnerKey} is null) <> (${t.partenaireLocalId} is null)`),
  ],
);

export const sollicitationSituations = pgTable(
  "sollicitation_situations",
  {
    sollicitationId: uuid("sollicitation_id")
      .notNull()
      .references(() => sollicitations.id, { onDelete: "cascade" }),
    situationKey: text("situation_key")
      .notNull()
      .references(() => refSituations.key),
  },
  (t) => [primaryKey({ columns: [t.sollicitationId, t.situationKey] })],
);

export const sollicitationAides = pgTable(
  "sollicitation_aides",
  {
    sollicitationId: uuid("sollicitation_id")
      .notNull()
      .references(() => sollicitations.id, { onDelete: "cascade" }),
    aideKey: text("aide_key")
      .notNull()
      .references(() => refTypesAide.key),
  },
  (t) => [primaryKey({ columns: [t.sollicitationId, t.aideKey] })],
);

/** The waiting list of a structure: a ticket number, or a first name only, nothing more. */
export const fileAttente = pgTable(
  "file_attente",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    jour: text("jour").notNull(),
    ticket: integer("ticket").notNull(),
    prenom: text("prenom"),
    arrivedAt: timestamp("arrived_at", { withTimezone: true }).notNull(),
    calledAt: timestamp("called_at", { withTimezone: true }),
    calledBy: uuid("called_by").references(() => users.id),
    leftAt: timestamp("left_at", { withTimezone: true }),
    passageId: uuid("passage_id").references(() => passages.id),
  },
  (t) => [
    uniqueIndex("file_attente_ticket_unique").on(t.structureId, t.jour, t.ticket),
    check("file_attente_prenom_check", sql`${t.prenom} is null or char_length(${t.prenom}) between 1 and 40`),
    check("file_attente_called_check", sql`(${t.calledAt} is null) = (${t.calledBy} is null)`),
    check("file_attente_order_check", sql`${t.calledAt} is null or ${t.calledAt} >= ${t.arrivedAt}`),
  ],
);
