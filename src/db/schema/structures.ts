import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const structures = pgTable(
  "structures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nom: text("nom").notNull(),
    label: text("label").notNull(),
    format: text("format").notNull(),
    parentStructureId: uuid("parent_structure_id").references((): AnyPgColumn => structures.id),
    gestionnaireType: text("gestionnaire_type").notNull(),
    gestionnaireNom: text("gestionnaire_nom").notNull(),
    adresse: text("adresse").notNull(),
    complementAdresse: text("complement_adresse"),
    codePostal: text("code_postal").notNull(),
    communeInsee: text("commune_insee").notNull(),
    departement: text("departement").notNull(),
    telephone: text("telephone"),
    email: text("email"),
    dateLabellisation: date("date_labellisation"),
    dateOuverture: date("date_ouverture"),
    statut: text("statut").notNull().default("ouverte"),
    /** Per-structure setting: arrivals are registered in a waiting list shown on a screen. */
    fileAttenteActive: boolean("file_attente_active").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("structures_departement_idx").on(t.departement),
    check("structures_label_check", sql`${t.label} in ('france_services', 'msap')`),
    check("structures_format_check", sql`${t.format} in ('fixe', 'multi_site', 'bus', 'itinerante', 'antenne')`),
    check("structures_antenne_parent_check", sql`(${t.format} = 'antenne') = (${t.parentStructureId} is not null)`),
    check(
      "structures_gestionnaire_check",
      sql`${t.gestionnaireType} in ('commune', 'intercommunalite', 'association', 'gip', 'la_poste', 'etat', 'autre')`,
    ),
    check("structures_statut_check", sql`${t.statut} in ('ouverte', 'suspendue', 'fermee')`),
    check("structures_departement_format_check", sql`${t.departement} ~ '^(\\d{2}|2A|2B|97\\d)$'`),
    check("structures_commune_format_check", sql`${t.communeInsee} ~ '^(\\d{5}|2[AB]\\d{3})$'`),
  ],
);

/** Partners that exist only in one département or one structure; national partners live in code. */
export const partenairesLocaux = pgTable(
  "partenaires_locaux",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nom: text("nom").notNull(),
    departement: text("departement"),
    structureId: uuid("structure_id").references(() => structures.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("partenaires_locaux_scope_check", sql`(${t.departement} is not null) <> (${t.structureId} is not null)`),
  ],
);
