/**
 * Cell suppression with complementary suppression (ADR 021), pure. A family of linked cells
 * (the rows of a breakdown for each month, quarter and year, their totals, the structures of a
 * département…) is given with the relations a reader knows between them: a total is the sum of its
 * rows, or only bounds each of them; a quarter is the sum of its months. Every count from 1 to
 * threshold - 1 is hidden (primary suppression); then, as long as a reader could still tell a hidden
 * small count lies between 1 and threshold - 1 from what is shown (by totals, margins, bounds or
 * differences, found by propagating intervals through every relation), one more cell is hidden:
 * the smallest shown one that shares a relation with it (complementary suppression). A table where
 * even that is not enough is withheld whole: its rows are not listed, so a reader no longer knows
 * that each hidden row holds at least one person.
 */
export type SuppressionCell = {
  /** One count per measure (passages, sollicitations…); every cell of a family has as many. */
  values: number[];
  /** The table the cell is a row of: withholding applies to a whole table. */
  group: string;
  /** Decided by another family (a total shown or hidden elsewhere): never changed here. */
  locked?: "shown" | "hidden";
};
/** parent = sum of children ("sum"), or each child <= parent ("bound"), per measure. */
export type Relation = { parent: number; children: number[]; kinds: Array<"sum" | "bound"> };
export type Suppression = { hidden: boolean[]; withheld: Set<string>; unprotected: number[] };

type Interval = { lo: number; hi: number };
const MAX_ROUNDS = 60;

function intervals(
  cells: SuppressionCell[],
  relations: Relation[],
  hidden: boolean[],
  withheld: Set<string>,
  measure: number,
): Interval[] {
  const bounds = cells.map((cell, index) => {
    const value = cell.values[measure];
    if (!hidden[index]) return { lo: value, hi: value };
    return { lo: withheld.has(cell.group) ? 0 : Math.min(value, 1), hi: Infinity };
  });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    const narrow = (index: number, lo: number, hi: number) => {
      const b = bounds[index];
      if (hi < b.hi) {
        b.hi = Math.max(hi, b.lo);
        changed = true;
      }
      if (lo > b.lo) {
        b.lo = Math.min(lo, b.hi);
        changed = true;
      }
    };
    for (const relation of relations) {
      const parent = bounds[relation.parent];
      if (relation.kinds[measure] === "bound") {
        for (const child of relation.children) {
          narrow(child, 0, parent.hi);
          narrow(relation.parent, bounds[child].lo, Infinity);
        }
        continue;
      }
      let sumLo = 0;
      let sumHi = 0;
      let infinite = 0;
      for (const child of relation.children) {
        sumLo += bounds[child].lo;
        if (bounds[child].hi === Infinity) infinite++;
        else sumHi += bounds[child].hi;
      }
      narrow(relation.parent, sumLo, infinite > 0 ? Infinity : sumHi);
      for (const child of relation.children) {
        const b = bounds[child];
        const othersInfinite = infinite - (b.hi === Infinity ? 1 : 0);
        const othersHi = othersInfinite > 0 ? Infinity : sumHi - (b.hi === Infinity ? 0 : b.hi);
        narrow(child, parent.lo - othersHi, parent.hi - (sumLo - b.lo));
      }
    }
    if (!changed) break;
  }
  return bounds;
}

/** The hidden cells a reader could place between 1 and threshold - 1. */
function exposed(
  cells: SuppressionCell[],
  relations: Relation[],
  hidden: boolean[],
  withheld: Set<string>,
  threshold: number,
): number[] {
  const found = new Set<number>();
  const measures = cells[0]?.values.length ?? 0;
  for (let measure = 0; measure < measures; measure++) {
    const bounds = intervals(cells, relations, hidden, withheld, measure);
    cells.forEach((cell, index) => {
      const value = cell.values[measure];
      if (hidden[index] && value >= 1 && value < threshold && bounds[index].hi < threshold) found.add(index);
    });
  }
  return [...found];
}

const isSmall = (cell: SuppressionCell, threshold: number) =>
  cell.values.some((value) => value > 0 && value < threshold);
const weight = (cell: SuppressionCell) => cell.values.reduce((sum, value) => sum + value, 0);

export function suppress(cells: SuppressionCell[], relations: Relation[], threshold: number): Suppression {
  const hidden = cells.map((cell) => (cell.locked ? cell.locked === "hidden" : isSmall(cell, threshold)));
  const withheld = new Set<string>();
  const unprotected = new Set<number>();
  const related = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    if (!related.has(a)) related.set(a, []);
    related.get(a)?.push(b);
  };
  for (const relation of relations) {
    const members = [relation.parent, ...relation.children];
    for (const a of members) for (const b of members) if (a !== b) link(a, b);
  }
  for (let step = 0; step <= cells.length; step++) {
    const open = exposed(cells, relations, hidden, withheld, threshold).filter((index) => !unprotected.has(index));
    if (open.length === 0) break;
    const touched = new Set<number>();
    const withheldNow = new Set<string>();
    for (const index of open) {
      // One fix per neighbourhood and round: the next round sees its effect.
      if (touched.has(index)) continue;
      const candidates = (related.get(index) ?? []).filter(
        (other) => !hidden[other] && !cells[other].locked && weight(cells[other]) > 0,
      );
      if (candidates.length > 0) {
        // The smallest shown cell; one holding a single person barely widens anything, so larger ones first.
        const rank = (other: number) => [
          weight(cells[other]) > cells[other].values.length ? 0 : 1,
          weight(cells[other]),
          other,
        ];
        const best = candidates
          .map((other) => ({ other, key: rank(other) }))
          .sort((x, y) => x.key[0] - y.key[0] || x.key[1] - y.key[1] || x.key[2] - y.key[2])[0].other;
        hidden[best] = true;
        for (const other of related.get(best) ?? []) touched.add(other);
        for (const other of related.get(index) ?? []) touched.add(other);
      } else if (!withheld.has(cells[index].group)) {
        withheld.add(cells[index].group);
        withheldNow.add(cells[index].group);
        cells.forEach((cell, other) => {
          if (cell.group === cells[index].group && !cell.locked) hidden[other] = true;
        });
      } else if (!withheldNow.has(cells[index].group)) unprotected.add(index);
    }
  }
  return { hidden, withheld, unprotected: [...unprotected] };
}
