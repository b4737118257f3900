import { databaseErrorOf } from "../db/database-error";

/** What of an error may reach a log line or the job journal. */
export type LoggableError = { type: string; code?: string; constraint?: string; message?: string; stack?: string };

const MAX_MESSAGE = 200;

/** Drizzle's failed-query errors spell out the SQL and its parameters (names, birth dates, e-mails…). */
function wrapsAQuery(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    if (current.name === "DrizzleQueryError" || current.message.startsWith("Failed query")) return true;
    current = current.cause;
  }
  return false;
}

/** The call frames of a stack, without its first line (which repeats the message). */
function framesOf(error: Error): string | undefined {
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 12);
  return frames.length ? frames.join("\n") : undefined;
}

/**
 * The one way to describe an error for a log: a database refusal by its SQLSTATE and constraint only
 * (its message and detail quote the values), a failed query by its type only (it quotes its parameters),
 * anything else by its type, a short message and its frames. Never parameters, bodies or row values.
 */
export function loggableError(error: unknown): LoggableError {
  const database = databaseErrorOf(error);
  if (database)
    return {
      type: "database",
      code: database.code,
      ...(database.constraint ? { constraint: database.constraint } : {}),
    };
  if (!(error instanceof Error)) return { type: typeof error };
  if (wrapsAQuery(error)) return { type: error.name, stack: framesOf(error) };
  return { type: error.name, message: error.message.slice(0, MAX_MESSAGE), stack: framesOf(error) };
}

/** One line for a person (the CLI) or the job journal, with the same guarantees as loggableError. */
export function loggableMessage(error: unknown): string {
  const { type, code, constraint, message } = loggableError(error);
  if (code) return `erreur de base de données ${code}${constraint ? ` (${constraint})` : ""}`;
  return message ?? type;
}
