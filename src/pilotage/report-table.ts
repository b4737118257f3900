import type { Cell } from "../platform/csv";
import { frenchDate } from "../platform/time";
import type { Dimension } from "./labels";
import { monthLabel } from "./period";
import type { Report } from "./report.server";
import type { ReportTableKey } from "./report-request";

/**
 * A report as plain tables: the one description that the CSV, XLSX and PDF exports all render,
 * so the three files always hold the same figures. Masked cells stay masked (`MASKED`).
 */
export const MASKED = "masqué";
/** The one line of a breakdown withheld whole outside the structure's team (ADR 021). */
export const WITHHELD =
  "Répartition non publiée : petits effectifs, ou réservée au niveau le plus large que vous consultez";
export type ReportTable = {
  key: ReportTableKey;
  title: string;
  /** Worksheet name: 31 characters at most, none of []:*?/\ */
  sheet: string;
  columns: string[];
  rows: Cell[][];
  /** What a bar chart of this table shows: the label column and one measure column. */
  chart?: { labelColumn: number; valueColumn: number; measure: string };
};

const SHEET_NAMES: Record<Dimension, string> = {
  partenaire: "Partenaires",
  domaine: "Domaines",
  situation: "Situations",
  canal: "Canaux",
  aide: "Types d’aide",
  issue: "Issues",
  autonomie: "Autonomie numérique",
  signalement: "Signalements",
  tranche_age: "Tranches d’âge",
  genre: "Genre",
  commune: "Communes",
  duree: "Durées",
  attente: "Temps d’attente",
  rdv: "Rendez-vous",
  equipement: "Équipements",
  premiere_visite: "Première visite",
  agent: "Agents",
};

/** Breakdowns counted per passage (one person, one visit); the others are counted per demand. */
const PASSAGE_DIMENSIONS: Dimension[] = [
  "canal",
  "rdv",
  "tranche_age",
  "genre",
  "commune",
  "duree",
  "attente",
  "equipement",
  "premiere_visite",
  "agent",
];

/** Change from the previous period, in percent with one decimal; null when there was nothing before. */
export function evolutionPercent(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

function share(value: number | null, total: number | null): number | null {
  if (value === null || total === null || total === 0) return null;
  return Math.round((value / total) * 1000) / 10;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function levelLabel(report: Pick<Report, "niveau">): string {
  return report.niveau === "structure" ? "Structure" : report.niveau === "departement" ? "Département" : "National";
}

/** The document's kind: the quarterly report, the annual review, or an activity report for any other period. */
export function reportKind(report: Pick<Report, "periode">): string {
  const code = report.periode.code;
  if (/^\d{4}$/.test(code)) return "Bilan annuel";
  if (/^\d{4}-Q[1-4]$/.test(code)) return "Rapport trimestriel";
  return "Rapport d’activité";
}

const SOLLICITATIONS_CHART = { labelColumn: 0, valueColumn: 2, measure: "Sollicitations" };

/** A table of passages and sollicitations per labelled line (a month, a week, a département, a format). */
function counts(
  key: ReportTableKey,
  title: string,
  sheet: string,
  first: string,
  lines: Array<{ libelle: string; passages: number | null; sollicitations: number | null }>,
): ReportTable {
  return {
    key,
    title,
    sheet,
    columns: [first, "Passages", "Sollicitations"],
    rows: lines.map((line) => [line.libelle, line.passages ?? MASKED, line.sollicitations ?? MASKED]),
    chart: SOLLICITATIONS_CHART,
  };
}

/**
 * The tables of a report. The report documents (PDF, XLSX) are made to be passed on (comité de
 * pilotage, préfecture): they leave out the per-agent figures, which name people. The CSV of that
 * one breakdown stays available to whoever sees it on the dashboard (the responsable).
 */
export function reportTables(report: Report, options: { withAgents?: boolean } = {}): ReportTable[] {
  const { totaux, periodePrecedente: previous, moyenneDepartement: average } = report;
  const tables: ReportTable[] = [
    {
      key: "synthese",
      title: "Synthèse",
      sheet: "Synthèse",
      columns: [
        "Indicateur",
        capitalize(report.periode.libelle),
        `Période précédente (${previous.libelle})`,
        "Évolution (%)",
        average ? "Moyenne par structure du département" : "Moyenne du département",
      ],
      rows: [
        [
          "Passages (fréquentation)",
          totaux.passages ?? MASKED,
          previous.passages ?? MASKED,
          evolutionPercent(totaux.passages, previous.passages),
          average ? (average.passages ?? MASKED) : null,
        ],
        [
          "Sollicitations (demandes)",
          totaux.sollicitations ?? MASKED,
          previous.sollicitations ?? MASKED,
          evolutionPercent(totaux.sollicitations, previous.sollicitations),
          average ? (average.sollicitations ?? MASKED) : null,
        ],
        ["Durée moyenne d’un passage (minutes)", totaux.dureeMoyenneMinutes, null, null, null],
        ["Attente moyenne (minutes)", totaux.attenteMoyenneMinutes, null, null, null],
        ["Part des demandes résolues sur place (%)", totaux.partResoluSurPlace, null, null, null],
      ],
    },
    counts(
      "evolution_mois",
      "Évolution par mois",
      "Évolution",
      "Mois",
      report.evolution.parMois.map((row) => ({ libelle: monthLabel(row.debut), ...row })),
    ),
    counts(
      "evolution_semaine",
      "Évolution par semaine",
      "Évolution",
      "Semaine du",
      report.evolution.parSemaine.map((row) => ({ libelle: frenchDate(row.debut), ...row })),
    ),
  ];
  for (const breakdown of report.repartitions.filter(
    (candidate) => options.withAgents || candidate.dimension !== "agent",
  )) {
    const perPassage = PASSAGE_DIMENSIONS.includes(breakdown.dimension);
    tables.push({
      key: breakdown.dimension,
      title: breakdown.titre,
      sheet: SHEET_NAMES[breakdown.dimension],
      columns: [
        "Valeur",
        "Passages",
        "Sollicitations",
        perPassage ? "Part des passages (%)" : "Part des sollicitations (%)",
      ],
      rows: breakdown.retenue
        ? [[WITHHELD, MASKED, MASKED, MASKED]]
        : breakdown.lignes.map((row) =>
            row.masque
              ? [row.libelle, MASKED, MASKED, MASKED]
              : [
                  row.libelle,
                  row.passages,
                  row.sollicitations,
                  perPassage ? share(row.passages, totaux.passages) : share(row.sollicitations, totaux.sollicitations),
                ],
          ),
      chart: perPassage ? { labelColumn: 0, valueColumn: 1, measure: "Passages" } : SOLLICITATIONS_CHART,
    });
  }
  if (report.structures) {
    tables.push({
      key: "structures",
      title: "Structures du département",
      sheet: "Structures",
      columns: ["Structure", "Passages", "Sollicitations", "Dernière saisie", "Sans saisie depuis 14 jours ou plus"],
      rows: report.structures.map((row) => [
        row.nom,
        row.passages ?? MASKED,
        row.sollicitations ?? MASKED,
        row.derniereSaisie ? frenchDate(row.derniereSaisie) : "aucune",
        row.sansSaisie ? "Oui" : "Non",
      ]),
      chart: SOLLICITATIONS_CHART,
    });
  }
  if (report.departements)
    tables.push(counts("departements", "Par département", "Départements", "Département", report.departements));
  if (report.formats) tables.push(counts("formats", "Par format de structure", "Formats", "Format", report.formats));
  if (report.saisines) tables.push(saisinesTable(report.saisines));
  return tables;
}

/** The escalations to the partners' referents (issue 6), per partner, with the whole first. */
function saisinesTable(stats: NonNullable<Report["saisines"]>): ReportTable {
  const row = (line: (typeof stats)["total"], label: string): Cell[] => [
    label,
    line.nombre,
    line.premiereReponseMediane,
    line.premiereReponseP90,
    line.resolutionMediane,
    line.resolutionP90,
    Math.round(line.partEnRetard * 1000) / 10,
    line.utilite.utile,
    line.utilite.ne_sait_pas,
    line.utilite.pas_utile,
    line.reorientations,
  ];
  return {
    key: "saisines",
    title: "Saisines des référents partenaires",
    sheet: "Saisines",
    columns: [
      "Partenaire",
      "Saisines",
      "1re réponse, médiane (heures ouvrées)",
      "1re réponse, 90e centile (heures ouvrées)",
      "Résolution, médiane (heures ouvrées)",
      "Résolution, 90e centile (heures ouvrées)",
      "En retard (%)",
      "Utiles",
      "Je ne sais pas",
      "Pas utiles",
      "Réorientations",
    ],
    rows: [row(stats.total, "Tous partenaires"), ...stats.parPartenaire.map((line) => row(line, line.libelle))],
  };
}
