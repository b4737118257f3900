import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Reference keys mirrored in the database so that foreign keys reject unknown values.
 * Keys only: the French labels live in src/referentiel and src/accueil (never stored).
 * A test checks these tables against the code (src/referentiel/reference-tables.test.ts).
 */
export const refPartenaires = pgTable("ref_partenaires", { key: text("key").primaryKey() });
export const refSituations = pgTable("ref_situations", {
  key: text("key").primaryKey(),
  domaineKey: text("domaine_key").notNull(),
});
export const refSituationPartenaires = pgTable(
  "ref_situation_partenaires",
  {
    situationKey: text("situation_key")
      .notNull()
      .references(() => refSituations.key),
    partnerKey: text("partner_key")
      .notNull()
      .references(() => refPartenaires.key),
  },
  (t) => [primaryKey({ columns: [t.situationKey, t.partnerKey] })],
);
export const refTypesAide = pgTable("ref_types_aide", { key: text("key").primaryKey() });
