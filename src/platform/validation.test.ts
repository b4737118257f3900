import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  DATE_DOES_NOT_EXIST_MESSAGE,
  DATE_FORMAT_MESSAGE,
  DATE_RANGE_MESSAGE,
  idempotencyKeySchema,
  isoDateTime,
  isoDay,
  isUuid,
  NUL_CHARACTER_MESSAGE,
  text,
  uuid,
} from "./validation";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

function messages(result: { success: boolean; error?: { issues: Array<{ message: string }> } }) {
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);
}

describe("uuid", () => {
  it("accepts the 8-4-4-4-12 hexadecimal form in either case", () => {
    expect(uuid().safeParse(ID)).toEqual({ success: true, data: ID });
    expect(uuid().safeParse(ID.toUpperCase()).success).toBe(true);
    expect(isUuid(ID)).toBe(true);
  });

  it("refuses a malformed id with the caller's French message", () => {
    for (const value of [
      "",
      "pas-un-uuid",
      `${ID}0`,
      ID.slice(1),
      ID.replace("-", ""),
      `${ID}\n`,
      ID.replace("0", "g"),
    ]) {
      expect(messages(uuid("Structure inconnue.").safeParse(value))).toEqual(["Structure inconnue."]);
      expect(isUuid(value)).toBe(false);
    }
    expect(messages(uuid("Structure inconnue.").safeParse(42))).toEqual(["Structure inconnue."]);
    expect(messages(uuid().safeParse("x"))).toEqual(["Identifiant invalide."]);
    expect(isUuid(undefined)).toBe(false);
  });

  it("documents itself as a uuid in the OpenAPI description", () => {
    expect(z.toJSONSchema(uuid())).toMatchObject({ type: "string", format: "uuid" });
  });
});

describe("text", () => {
  it("refuses a NUL character with its French message", () => {
    for (const value of ["\u0000", "a\u0000b", "abc\u0000"]) {
      expect(messages(text().safeParse(value))).toEqual([NUL_CHARACTER_MESSAGE]);
    }
    expect(NUL_CHARACTER_MESSAGE).toBe("Ce texte contient un caractère non autorisé.");
  });

  it("keeps other text, and chains like z.string()", () => {
    const field = text("Saisissez le nom.").trim().min(2, "Trop court.");
    expect(field.safeParse("  Dupont  ")).toEqual({ success: true, data: "Dupont" });
    expect(messages(field.safeParse(" a "))).toEqual(["Trop court."]);
    expect(messages(field.safeParse(undefined))).toEqual(["Saisissez le nom."]);
    expect(messages(field.safeParse("\u0000"))).toEqual([NUL_CHARACTER_MESSAGE, "Trop court."]);
  });
});

describe("idempotencyKeySchema", () => {
  it("accepts 1 to 200 letters, digits, underscores and hyphens", () => {
    for (const key of ["a", "x".repeat(200), "tablette-42_1", ID]) {
      expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
    }
  });

  it("refuses an empty key, a key over 200 characters and any other character", () => {
    for (const key of ["", "x".repeat(201), "a b", "clé", "a\u0000", "'; drop table passages; --", "a/b"]) {
      expect(idempotencyKeySchema.safeParse(key).success).toBe(false);
    }
  });
});

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("strict dates", () => {
  it("says an impossible day does not exist instead of rolling it over or blaming the format", () => {
    for (const day of ["2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10"])
      expect(messageOf(isoDay(), day), day).toBe(DATE_DOES_NOT_EXIST_MESSAGE);
    expect(messageOf(isoDay(), "2024-02-29")).toBeNull();
  });

  it("refuses other formats and years that are typing mistakes", () => {
    for (const day of ["Feb 1 2026", "01/02/2026", "2026-2-1", "2026-02-01T00:00:00Z", ""])
      expect(messageOf(isoDay(), day), day).toBe(DATE_FORMAT_MESSAGE);
    expect(messageOf(isoDay(), "0001-01-01")).toBe(DATE_RANGE_MESSAGE);
    expect(messageOf(isoDay(), "2999-01-01")).toBe(DATE_RANGE_MESSAGE);
  });

  it("reads an ISO 8601 instant with its offset, strictly", () => {
    const instant = isoDateTime("Date et heure invalides.");
    expect(instant.parse("2026-03-02T10:00:00+01:00").toISOString()).toBe("2026-03-02T09:00:00.000Z");
    expect(instant.parse("2026-03-02T09:00Z").toISOString()).toBe("2026-03-02T09:00:00.000Z");
    for (const value of ["2026-02-30T10:00:00+01:00", "2026-03-02T25:00:00Z", "2026-03-02T10:61:00Z"])
      expect(messageOf(instant, value), value).toBe(DATE_DOES_NOT_EXIST_MESSAGE);
    for (const value of ["Feb 1 2026", "2026-03-02T10:00:00", "2026-03-02 10:00Z", "1772442000000"])
      expect(messageOf(instant, value), value).toBe("Date et heure invalides.");
  });
});
