import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { sollicitations } from "./accueil";
import { users } from "./comptes";
import { refPartenaires } from "./referentiel";
import { structures } from "./structures";
import { demarches, mandats, usagers } from "./usagers";

/**
 * The referents directory (001 annexe 2; 003 charter 1.1): one group per partner and département,
 * covering the whole département or a list of structures (join table). Never public: no open-data
 * file and no public page reads these tables (src/saisines/directory-privacy.test.ts).
 */
export const referentGroups = pgTable(
  "referent_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    departement: text("departement").notNull(),
    partnerKey: text("partner_key")
      .notNull()
      .references(() => refPartenaires.key),
    nom: text("nom").notNull(),
    /** The shared mailbox notified of every saisine (a link, never the case). */
    mailbox: text("mailbox").notNull(),
    /** Emergency numbers for the agents of the covered structures: never given to the public. */
    emergencyPhones: text("emergency_phones"),
    /** The partner's instructions to its structures ("écrire « France Services » dans l’objet"…). */
    instructions: text("instructions"),
    coversWholeDepartement: boolean("covers_whole_departement").notNull().default(false),
    /** Working days for the first answer and for the resolution (defaults 3 and 15). */
    firstAnswerDays: smallint("first_answer_days").notNull().default(3),
    resolutionDays: smallint("resolution_days").notNull().default(15),
    lastConfirmedAt: timestamp("last_confirmed_at", { withTimezone: true }).notNull().defaultNow(),
    confirmationRequestedAt: timestamp("confirmation_requested_at", { withTimezone: true }),
    staleFlaggedAt: timestamp("stale_flagged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("referent_groups_departement_partner_idx").on(t.departement, t.partnerKey),
    check("referent_groups_departement_check", sql`${t.departement} ~ '^(\\d{2}|2A|2B|97\\d)$'`),
    check("referent_groups_nom_check", sql`char_length(${t.nom}) between 3 and 150`),
    check(
      "referent_groups_mailbox_check",
      sql`char_length(${t.mailbox}) between 3 and 200 and position('@' in ${t.mailbox}) > 1`,
    ),
    check(
      "referent_groups_days_check",
      sql`${t.firstAnswerDays} between 1 and 30 and ${t.resolutionDays} between 1 and 120`,
    ),
  ],
);

export const referentGroupStructures = pgTable(
  "referent_group_structures",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => referentGroups.id, { onDelete: "cascade" }),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.structureId] }),
    index("referent_group_structures_structure_idx").on(t.structureId),
  ],
);

/** Members: users holding the referent role for the group's partner and département. */
export const referentGroupMembers = pgTable(
  "referent_group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => referentGroups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fonction: text("fonction"),
    telephoneDirect: text("telephone_direct"),
    /** Domains of competence, free text ("prestations familiales, AAH"). */
    domaines: text("domaines"),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("referent_group_members_user_idx").on(t.userId)],
);

/** Every change of a group (ids and a change key only, never the values). */
export const referentGroupHistory = pgTable(
  "referent_group_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => referentGroups.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    change: text("change").notNull(),
    /** Which fields changed ("nom, mailbox"), or the member's user id. */
    detail: text("detail"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("referent_group_history_group_idx").on(t.groupId, t.at),
    check(
      "referent_group_history_change_check",
      sql`${t.change} in ('created', 'updated', 'member_added', 'member_removed', 'member_updated', 'confirmed', 'confirmation_requested')`,
    ),
  ],
);

/**
 * A saisine: an agent escalates a complex case to the partner's back office. Its status is never
 * stored: it is computed from the typed messages (src/saisines/status.ts). The deadlines are fixed
 * at creation, in working hours of the structure's calendar (src/saisines/working-days.ts).
 */
export const saisines = pgTable(
  "saisines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    departement: text("departement").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    partnerKey: text("partner_key")
      .notNull()
      .references(() => refPartenaires.key),
    /** The group first addressed; re-routing messages name the next ones. */
    groupId: uuid("group_id")
      .notNull()
      .references(() => referentGroups.id),
    sollicitationId: uuid("sollicitation_id").references(() => sollicitations.id, { onDelete: "set null" }),
    demarcheId: uuid("demarche_id").references(() => demarches.id, { onDelete: "set null" }),
    usagerId: uuid("usager_id").references(() => usagers.id, { onDelete: "set null" }),
    mandatId: uuid("mandat_id").references(() => mandats.id, { onDelete: "set null" }),
    objet: text("objet"),
    description: text("description"),
    urgence: text("urgence").notNull().default("standard"),
    firstAnswerDueAt: timestamp("first_answer_due_at", { withTimezone: true }).notNull(),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    /** Reminders sent for the deadline in force (see src/saisines/reminders.job.ts). */
    remindedDueAt: timestamp("reminded_due_at", { withTimezone: true }),
    escalatedDueAt: timestamp("escalated_due_at", { withTimezone: true }),
    inactivityWarnedAt: timestamp("inactivity_warned_at", { withTimezone: true }),
    /** Personal data destroyed by the retention job: the row stays for the statistics. */
    destroyedAt: timestamp("destroyed_at", { withTimezone: true }),
  },
  (t) => [
    index("saisines_structure_idx").on(t.structureId, t.createdAt),
    index("saisines_group_idx").on(t.groupId),
    index("saisines_departement_idx").on(t.departement, t.partnerKey),
    check("saisines_urgence_check", sql`${t.urgence} in ('urgence', 'blocage_administratif', 'standard')`),
    check(
      "saisines_destroyed_check",
      sql`case when ${t.destroyedAt} is null
        then char_length(${t.objet}) between 3 and 200 and char_length(${t.description}) between 3 and 5000
        else ${t.objet} is null and ${t.description} is null and ${t.usagerId} is null and ${t.mandatId} is null
      end`,
    ),
  ],
);

/** The identification the partner needs (numéro allocataire, NIR…), one row per field, encrypted. */
export const saisineIdentifications = pgTable(
  "saisine_identifications",
  {
    saisineId: uuid("saisine_id")
      .notNull()
      .references(() => saisines.id, { onDelete: "cascade" }),
    fieldKey: text("field_key").notNull(),
    /** "v1:<key id>:<iv>:<tag>:<ciphertext>" (src/platform/encryption.server.ts). */
    chiffre: text("chiffre").notNull(),
    keyId: text("key_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.saisineId, t.fieldKey] })],
);

/** The thread. A message after a closure reopens the saisine (no message type of its own). */
export const saisineMessages = pgTable(
  "saisine_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The thread's order (two messages may share an instant). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    saisineId: uuid("saisine_id")
      .notNull()
      .references(() => saisines.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    side: text("side").notNull(),
    type: text("type").notNull(),
    body: text("body"),
    targetGroupId: uuid("target_group_id").references(() => referentGroups.id),
    usefulness: text("usefulness"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("saisine_messages_saisine_idx").on(t.saisineId, t.seq),
    check("saisine_messages_side_check", sql`${t.side} in ('agent', 'referent', 'systeme')`),
    check(
      "saisine_messages_type_check",
      sql`${t.type} in ('question', 'reponse', 'demande_complement', 'prise_en_charge', 'mauvais_interlocuteur', 'resolution_proposee', 'cloture')`,
    ),
    check(
      "saisine_messages_target_check",
      sql`(${t.type} = 'mauvais_interlocuteur') = (${t.targetGroupId} is not null)`,
    ),
    check(
      "saisine_messages_usefulness_check",
      sql`case when ${t.type} = 'cloture' and ${t.side} = 'agent' then ${t.usefulness} in ('utile', 'ne_sait_pas', 'pas_utile') else ${t.usefulness} is null end`,
    ),
    // The retention job closes a long-inactive saisine on its own ("systeme" side, no rating).
    check(
      "saisine_messages_systeme_check",
      sql`${t.side} <> 'systeme' or (${t.type} = 'cloture' and ${t.authorId} is null)`,
    ),
    check("saisine_messages_body_check", sql`${t.body} is null or char_length(${t.body}) between 1 and 5000`),
  ],
);
