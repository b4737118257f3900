import { z } from "zod";

/**
 * The validation rules every form schema, the API and the CLI share. No server-only import here:
 * the schemas run in the browser too.
 */

/**
 * A UUID field, in the form PostgreSQL's uuid type reads: 8-4-4-4-12 hexadecimal digits, either case
 * (zod's `guid`; its `uuid` would also demand an RFC 9562 version). `message` answers a missing value
 * as well as a malformed one.
 */
export function uuid(message = "Identifiant invalide.") {
  return z.guid({ error: message });
}

const anyUuid = uuid();

/** For ids taken from an address, a header or the CLI: anything else is "not found", never a database error. */
export function isUuid(value: unknown): value is string {
  return anyUuid.safeParse(value).success;
}

export const NUL_CHARACTER_MESSAGE = "Ce texte contient un caractère non autorisé.";

/**
 * Every free-text field: a string without NUL character, which PostgreSQL text cannot hold. `message`
 * answers a missing or non-text value; length and trimming are the caller's, chained as on `z.string()`.
 */
export function text(message?: string) {
  return z
    .string(message === undefined ? undefined : { error: message })
    .refine((value) => !value.includes("\u0000"), NUL_CHARACTER_MESSAGE);
}

/**
 * An idempotency key (the passage form's hidden field, the API's Idempotency-Key header): 1 to 200
 * letters, digits, "_" or "-". The database allows 1 to 200 characters of any kind.
 */
export const idempotencyKeySchema = z.string().regex(/^[\w-]{1,200}$/);
