import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BreakdownChart } from "../pilotage/BreakdownChart";
import { countAxis } from "./chart-theme";
import { EvolutionChart, type EvolutionPoint } from "./EvolutionChart";
import { HorizontalBarChart } from "./HorizontalBarChart";

const html = (element: React.ReactElement) => renderToString(element).replace(/<!-- -->/g, "");
const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
const svgOf = (markup: string) => /<svg[\s\S]*?<\/svg>/.exec(markup)?.[0] ?? "";
const captionOf = (markup: string) => /<caption[^>]*>([\s\S]*?)<\/caption>/.exec(markup)?.[1] ?? null;

describe("charts", () => {
  it("a bar chart is an image with a spoken summary and a title, and always renders its data table", () => {
    const markup = html(
      <HorizontalBarChart
        id="essai"
        title="Par canal"
        measure="passages"
        bars={[
          { key: "accueil_physique", label: "Accueil physique", value: 12 },
          { key: "telephone", label: "Téléphone", value: 3 },
        ]}
        table={{
          caption: "Par canal",
          columns: ["Canal", "Passages"],
          rows: [{ key: "a", header: "Accueil physique", cells: ["12"] }],
        }}
      />,
    );
    const svg = svgOf(markup);
    expect(svg).toContain('role="img"');
    expect(decode(/aria-label="([^"]*)"/.exec(svg)![1])).toBe(
      "Par canal, graphique en barres horizontales (passages) : Accueil physique : 12 ; Téléphone : 3. Toutes les données figurent dans le tableau associé.",
    );
    expect(svg).toContain("<title>Par canal</title>");
    expect(svg.match(/<rect/g)).toHaveLength(2);
    expect(captionOf(markup)).toBe("Par canal");
    expect(markup).toContain('<th scope="row">Accueil physique</th><td>12</td>');
  });

  it("a masked cell gets no bar but a visible « masqué » in the chart and in the table, with the explanation", () => {
    const markup = decode(
      html(
        <BreakdownChart
          threshold={5}
          csvHref="/pilotage/export?niveau=structure&id=x&periode=2026-Q3&format=csv&dimension=genre"
          breakdown={{
            dimension: "genre",
            titre: "Par genre",
            mesure: "passages",
            total: 30,
            lignes: [
              { cle: "non_renseigne", libelle: "Non renseigné", passages: 27, sollicitations: 31, masque: false },
              { cle: "femme", libelle: "Femme", passages: null, sollicitations: null, masque: true },
            ],
          }}
        />,
      ),
    );
    const svg = svgOf(markup);
    expect(svg.match(/<rect/g)).toHaveLength(1);
    expect(svg).toContain("Femme : masqué.");
    expect(svg).not.toContain("masqué (masqué)");
    expect(captionOf(markup)).toBe("Par genre");
    expect(markup).toContain('<th scope="col">Passages (part)</th><th scope="col">Sollicitations</th>');
    expect(markup).toContain('<th scope="row">Femme</th><td>masqué</td><td>masqué</td>');
    expect(markup).toContain('<th scope="row">Non renseigné</th><td>27 (90\u202f%)</td><td>31</td>');
    expect(markup).toContain("« masqué » : effectif masqué");
    expect(markup).toContain(
      'href="/pilotage/export?niveau=structure&id=x&periode=2026-Q3&format=csv&dimension=genre"',
    );
    expect(markup).toContain("Données « Par genre » (CSV)");
  });

  it("an empty breakdown says so instead of drawing an empty chart", () => {
    const markup = html(
      <BreakdownChart
        threshold={5}
        breakdown={{ dimension: "canal", titre: "Par canal", mesure: "passages", total: 0, lignes: [] }}
      />,
    );
    expect(markup).not.toContain("<svg");
    expect(markup).toContain("Aucune donnée sur la période.");
  });

  it("the evolution chart always renders its table, with columns up to 26 periods and lines beyond", () => {
    const points = (n: number): EvolutionPoint[] =>
      Array.from({ length: n }, (_, index) => ({
        key: `p${index}`,
        label: `Période ${index + 1}`,
        shortLabel: `${index + 1}`,
        values: [index, 2 * index],
      }));
    const chart = (n: number) =>
      html(
        <EvolutionChart
          id="evolution"
          title="Évolution par semaine"
          series={["Passages", "Sollicitations"]}
          points={points(n)}
          table={{
            caption: "Évolution par semaine",
            columns: ["Semaine", "Passages", "Sollicitations"],
            rows: points(n).map((p) => ({ key: p.key, header: p.label, cells: p.values.map(String) })),
          }}
        />,
      );
    const columns = chart(3);
    expect(columns).toContain('data-chart="colonnes"');
    expect(captionOf(columns)).toBe("Évolution par semaine");
    expect(columns).toContain('<th scope="row">Période 3</th><td>2</td><td>4</td>');
    expect(decode(/aria-label="([^"]*)"/.exec(columns)![1])).toContain("passages : 3 au total, au plus 2 (Période 3)");
    expect(columns).toContain("fill:url(#evolution-hachures)");
    const lines = chart(30);
    expect(lines).toContain('data-chart="courbes"');
    expect(lines.match(/<polyline/g)).toHaveLength(2);
    expect(lines.match(/<tr>/g)).toHaveLength(31);
  });

  it("uses whole, round steps on the count axis", () => {
    expect(countAxis(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(countAxis(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(countAxis(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(countAxis(1234)).toEqual({ max: 1500, ticks: [0, 500, 1000, 1500] });
  });
});
