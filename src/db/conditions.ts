import { and, or, type SQL } from "drizzle-orm";

/**
 * Drizzle's `and` and `or` answer `SQL | undefined` (undefined when no condition is given). These
 * take at least one condition, so their answer is always a condition.
 */
export function allOf(first: SQL, ...rest: SQL[]): SQL {
  return defined(and(first, ...rest));
}

export function anyOf(first: SQL, ...rest: SQL[]): SQL {
  return defined(or(first, ...rest));
}

function defined(condition: SQL | undefined): SQL {
  if (!condition) throw new Error("Drizzle built no condition from at least one condition.");
  return condition;
}
