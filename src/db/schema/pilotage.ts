import { bigserial, date, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { structures } from "./structures";

/**
 * Rollups of the accueil records, read by every report (never the raw records at request time).
 * Each writing transaction of passages appends its exact contribution (+ or −) to stat_deltas;
 * the pilotage.fold job folds them into the three rollup levels. Reports add the still-pending
 * deltas, so they are exact at any instant. Dimensions and values are stable keys (ADR 010).
 */
const measures = {
  passages: integer("passages").notNull(),
  sollicitations: integer("sollicitations").notNull(),
  dureeSomme: integer("duree_somme").notNull(),
  dureeNombre: integer("duree_nombre").notNull(),
  attenteSomme: integer("attente_somme").notNull(),
  attenteNombre: integer("attente_nombre").notNull(),
};

export const statDeltas = pgTable(
  "stat_deltas",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    structureId: uuid("structure_id").notNull(),
    jour: date("jour").notNull(),
    dimension: text("dimension").notNull(),
    valeur: text("valeur").notNull(),
    ...measures,
  },
  (t) => [index("stat_deltas_structure_jour_idx").on(t.structureId, t.jour)],
);

export const statJour = pgTable(
  "stat_jour",
  {
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    jour: date("jour").notNull(),
    dimension: text("dimension").notNull(),
    valeur: text("valeur").notNull(),
    ...measures,
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.jour, t.dimension, t.valeur] }),
    index("stat_jour_jour_idx").on(t.jour, t.dimension),
  ],
);

export const statMois = pgTable(
  "stat_mois",
  {
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    mois: date("mois").notNull(),
    dimension: text("dimension").notNull(),
    valeur: text("valeur").notNull(),
    ...measures,
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.mois, t.dimension, t.valeur] }),
    index("stat_mois_mois_idx").on(t.mois, t.dimension),
  ],
);

export const statMoisDepartement = pgTable(
  "stat_mois_departement",
  {
    departement: text("departement").notNull(),
    format: text("format").notNull(),
    mois: date("mois").notNull(),
    dimension: text("dimension").notNull(),
    valeur: text("valeur").notNull(),
    ...measures,
  },
  // National reports read whole months of every département: the month comes first.
  (t) => [
    primaryKey({ columns: [t.departement, t.format, t.mois, t.dimension, t.valeur] }),
    index("stat_mois_departement_mois_idx").on(t.mois, t.dimension),
  ],
);

/** Daily totals per département and format: the national weekly evolution reads this small table. */
export const statJourDepartement = pgTable(
  "stat_jour_departement",
  {
    departement: text("departement").notNull(),
    format: text("format").notNull(),
    jour: date("jour").notNull(),
    passages: integer("passages").notNull(),
    sollicitations: integer("sollicitations").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.departement, t.format, t.jour] }),
    index("stat_jour_departement_jour_idx").on(t.jour),
  ],
);

/**
 * Passages recorded or changed since the last fold. Writers append one row (cheap, no contention);
 * the fold computes their contribution from their current state (ADR 010).
 */
export const statQueue = pgTable(
  "stat_queue",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    passageId: uuid("passage_id").notNull(),
    /** The passage's structure, so that a report reads only its scope's pending work (ADR 023). */
    structureId: uuid("structure_id"),
  },
  (t) => [index("stat_queue_passage_idx").on(t.passageId), index("stat_queue_structure_idx").on(t.structureId)],
);
