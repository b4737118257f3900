/**
 * A statistician's attack on published tables, used by the attacker test (and usable by an audit):
 * every published figure is a sum of unknown "atoms" (the counts of one structure, one day, one
 * value of one breakdown); a shown figure fixes the sum, a masked one only says it is at least one,
 * a missing row says it is zero, a rounded one gives an interval. Interval propagation over all
 * those sums at once (totals and margins, bounds, differencing of periods and of levels are all
 * such sums) narrows every atom, then every figure. A count below the threshold is recovered when
 * the attacker can tell it is between 1 and threshold - 1 (shown, computed exactly, or bounded).
 */
export type Interval = { lo: number; hi: number };
/** One figure of one report: the atoms it sums, what the report says of it. */
export type PublishedFigure = { key: string; atoms: string[]; lo: number; hi: number };
export type Recovered = { key: string; value: number; lo: number; hi: number; how: "shown" | "computed" | "bounded" };
export type AttackResult = {
  figures: number;
  masked: number;
  smallCounts: number;
  recovered: Recovered[];
};

const MAX_ROUNDS = 400;

/** Sums over signed terms: an atom, or "-" and an atom for the identities (a breakdown's rows minus its total). */
function term(atom: string): { atom: string; sign: 1 | -1 } {
  return atom.startsWith("-") ? { atom: atom.slice(1), sign: -1 } : { atom, sign: 1 };
}

/** The lowest and highest value of a signed term. */
function extent(sign: 1 | -1, b: Interval): Interval {
  return sign === 1 ? { lo: b.lo, hi: b.hi } : { lo: -b.hi, hi: -b.lo };
}

/** A sum of extents, counting infinite ends apart so that one term can be taken out. */
type Sum = { lo: number; loInfinite: number; hi: number; hiInfinite: number };
function without(sum: Sum, part: Interval): Interval {
  const loInfinite = sum.loInfinite - (part.lo === -Infinity ? 1 : 0);
  const hiInfinite = sum.hiInfinite - (part.hi === Infinity ? 1 : 0);
  return {
    lo: loInfinite > 0 ? -Infinity : sum.lo - (part.lo === -Infinity ? 0 : part.lo),
    hi: hiInfinite > 0 ? Infinity : sum.hi - (part.hi === Infinity ? 0 : part.hi),
  };
}

/** Narrows every atom (all start at [0, ∞)) with every published sum and identity until nothing changes. */
export function propagate(figures: PublishedFigure[]): Map<string, Interval> {
  const bounds = new Map<string, Interval>();
  const terms = figures.map((figure) => figure.atoms.map(term));
  for (const list of terms)
    for (const { atom } of list) if (!bounds.has(atom)) bounds.set(atom, { lo: 0, hi: Infinity });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    figures.forEach((figure, index) => {
      const list = terms[index];
      const sum: Sum = { lo: 0, loInfinite: 0, hi: 0, hiInfinite: 0 };
      const parts = list.map(({ atom, sign }) => extent(sign, bounds.get(atom) as Interval));
      for (const part of parts) {
        if (part.lo === -Infinity) sum.loInfinite++;
        else sum.lo += part.lo;
        if (part.hi === Infinity) sum.hiInfinite++;
        else sum.hi += part.hi;
      }
      list.forEach(({ atom, sign }, position) => {
        const others = without(sum, parts[position]);
        // sign * x lies within [figure.lo - others.hi, figure.hi - others.lo]
        const termHi = figure.hi - others.lo;
        const termLo = figure.lo - others.hi;
        const b = bounds.get(atom) as Interval;
        const hi = sign === 1 ? termHi : -termLo;
        const lo = sign === 1 ? termLo : -termHi;
        if (Number.isFinite(hi) && hi < b.hi) {
          b.hi = Math.max(hi, b.lo);
          changed = true;
        }
        if (Number.isFinite(lo) && lo > b.lo) {
          b.lo = Math.min(lo, b.hi);
          changed = true;
        }
      });
    });
    if (!changed) break;
  }
  return bounds;
}

/**
 * Attacks the published figures. `targets` adds sums the attacker would like to know without any
 * report showing them (a structure's breakdown for a month); `truth` gives each atom's real count.
 */
export function attack(
  known: {
    published: PublishedFigure[];
    /** Laws the attacker knows without a report (rows add up to the total); never scored. */
    identities?: PublishedFigure[];
    targets?: Array<{ key: string; atoms: string[] }>;
  },
  truth: (atom: string) => number,
  threshold: number,
): AttackResult {
  const { published, identities = [], targets = [] } = known;
  const bounds = propagate([...published, ...identities]);
  const byKey = new Map<string, { atoms: string[]; lo: number; hi: number; masked: boolean }>();
  const unpublished = targets.map((target) => ({ ...target, lo: 0, hi: Infinity }));
  for (const figure of [...published, ...unpublished]) {
    const known = byKey.get(figure.key);
    const masked = figure.lo !== figure.hi;
    if (known) {
      known.lo = Math.max(known.lo, figure.lo);
      known.hi = Math.min(known.hi, figure.hi);
      known.masked &&= masked;
    } else byKey.set(figure.key, { atoms: figure.atoms, lo: figure.lo, hi: figure.hi, masked });
  }
  const shownKeys = new Set(published.map((figure) => figure.key));
  const recovered: Recovered[] = [];
  let masked = 0;
  let smallCounts = 0;
  for (const [key, figure] of byKey) {
    const value = figure.atoms.reduce((sum, atom) => sum + truth(atom), 0);
    if (figure.masked && shownKeys.has(key)) masked++;
    if (value < 1 || value >= threshold) continue;
    smallCounts++;
    let lo = figure.lo;
    let hi = figure.hi;
    let atomsLo = 0;
    let atomsHi = 0;
    for (const atom of figure.atoms) {
      const b = bounds.get(atom) ?? { lo: 0, hi: Infinity };
      atomsLo += b.lo;
      atomsHi += b.hi;
    }
    lo = Math.max(lo, atomsLo);
    hi = Math.min(hi, atomsHi);
    if (lo >= 1 && hi <= threshold - 1) {
      const how = !figure.masked ? "shown" : lo === hi ? "computed" : "bounded";
      recovered.push({ key, value, lo, hi, how });
    }
  }
  return { figures: shownKeys.size, masked, smallCounts, recovered };
}
