/** What PostgreSQL reported about a refused statement: SQLSTATE, constraint name, message. */
export type DatabaseError = { code: string; constraint?: string; message: string };

/**
 * The PostgreSQL error inside `error`, raw (node-postgres, PGlite) or wrapped by Drizzle as its
 * `cause`; null when `error` carries no SQLSTATE (not a database refusal).
 */
export function databaseErrorOf(error: unknown): DatabaseError | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 3; depth++) {
    const { code, constraint, message } = current as { code?: unknown; constraint?: unknown; message?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code))
      return {
        code,
        constraint: typeof constraint === "string" ? constraint : undefined,
        message: String(message ?? ""),
      };
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
