import { expect } from "vitest";
import { type DatabaseError, databaseErrorOf } from "../db/database-error";

/**
 * Asserts that the database refused the statement for the expected reason: its SQLSTATE, and the
 * constraint it names (a CHECK, UNIQUE or foreign key) or, for a refusal raised by a trigger, which
 * names no constraint, a pattern of its message. Any other failure (a misspelled column, a bug
 * before the query) fails the test.
 */
export async function expectDbRefusal(
  promise: Promise<unknown>,
  expected: { code: string; constraint?: string; message?: RegExp },
): Promise<void> {
  let refusal: DatabaseError | null = null;
  try {
    await promise;
  } catch (error) {
    refusal = databaseErrorOf(error);
    if (!refusal) throw error;
  }
  expect(refusal, "the database accepted the statement").not.toBeNull();
  expect(refusal?.code).toBe(expected.code);
  if (expected.constraint !== undefined) expect(refusal?.constraint).toBe(expected.constraint);
  if (expected.message !== undefined) expect(refusal?.message).toMatch(expected.message);
}
