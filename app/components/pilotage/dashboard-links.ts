import type { DashboardChoice, DashboardModel, DashboardTarget } from "../../../src/pilotage/dashboard.server";
import type { Dimension } from "../../../src/pilotage/labels";
import type { Period } from "../../../src/pilotage/period";
import type { Level } from "../../../src/pilotage/report.server";

/** The addresses of the pilotage pages: the dashboards and the export route (/pilotage/export). */

export type DashboardLink = { href: string; label: string; current: boolean };
export type ExportLinks = {
  rapport: { pdf: string; xlsx: string; kind: Period["kind"] };
  bilanAnnuel: { page: string; pdf: string; xlsx: string; annee: string };
  csv: Partial<Record<Dimension, string>>;
};

/** The dashboard page's data: the view model, its choices turned into links, and the export links. */
export type DashboardPage = Omit<DashboardModel, "precedente" | "suivante" | "niveaux" | "report"> & {
  precedente: DashboardLink | null;
  suivante: DashboardLink | null;
  niveaux: DashboardLink[];
  report: null | (NonNullable<DashboardModel["report"]> & { exports: ExportLinks });
};

export function dashboardPath(level: Level, id: string | null, periodCode?: string): string {
  const base =
    level === "national"
      ? "/pilotage/national"
      : level === "departement"
        ? `/pilotage/departements/${id}`
        : `/pilotage/structures/${id}`;
  return periodCode ? `${base}?periode=${encodeURIComponent(periodCode)}` : base;
}

export function dashboardHref(target: DashboardTarget): string {
  return dashboardPath(target.level, target.id, target.periode);
}

export function exportHref(
  level: Level,
  id: string | null,
  periodCode: string,
  format: "pdf" | "xlsx" | "csv",
  dimension?: Dimension,
): string {
  const params = new URLSearchParams({ niveau: level });
  if (id) params.set("id", id);
  params.set("periode", periodCode);
  params.set("format", format);
  if (dimension) params.set("dimension", dimension);
  return `/pilotage/export?${params.toString()}`;
}

function link(choice: DashboardChoice): DashboardLink {
  return { href: dashboardHref(choice.target), label: choice.label, current: choice.current };
}

/** The view model with addresses: links to the other dashboards, the report's exports and the annual review. */
export function dashboardPage(model: DashboardModel): DashboardPage {
  const { niveau: level, id, periode } = model;
  const annee = periode.du.slice(0, 4);
  return {
    ...model,
    precedente: model.precedente && link(model.precedente),
    suivante: model.suivante && link(model.suivante),
    niveaux: model.niveaux.map(link),
    report: model.report && {
      ...model.report,
      exports: {
        rapport: {
          pdf: exportHref(level, id, periode.code, "pdf"),
          xlsx: exportHref(level, id, periode.code, "xlsx"),
          kind: periode.kind,
        },
        bilanAnnuel: {
          page: dashboardPath(level, id, annee),
          pdf: exportHref(level, id, annee, "pdf"),
          xlsx: exportHref(level, id, annee, "xlsx"),
          annee,
        },
        csv: Object.fromEntries(
          model.report.repartitions.map((breakdown) => [
            breakdown.dimension,
            exportHref(level, id, periode.code, "csv", breakdown.dimension),
          ]),
        ),
      },
    },
  };
}
