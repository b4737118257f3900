import { eq } from "drizzle-orm";
import { db } from "../db/client.server";
import { mandats } from "../db/schema";
import type { VerificationResult } from "../donnees-personnelles/mandats.labels";
import { mandatStatus, verificationResult } from "../donnees-personnelles/mandats.rules";
import { parisDay, shiftDay } from "../platform/time";
import { normalizeVerificationCode } from "./create-mandat.server";

/**
 * The public check printed on the mandate: valid, revoked, expired or not yet signed. It shows no
 * personal data, not even the structure: only the status and the dates that explain it.
 */
export async function verifyMandat(
  code: string,
  now: Date = new Date(),
): Promise<{ result: VerificationResult; validUntil: string | null; endedOn: string | null } | null> {
  const normalized = normalizeVerificationCode(code);
  if (!/^[0-9A-Z]{12}$/.test(normalized)) return null;
  const [row] = await db()
    .select({
      signedOn: mandats.signedOn,
      expiresOn: mandats.expiresOn,
      endedAt: mandats.endedAt,
      revokedAt: mandats.revokedAt,
      revokedOn: mandats.revokedOn,
    })
    .from(mandats)
    .where(eq(mandats.verificationCode, normalized));
  if (!row) return null;
  const result = verificationResult(mandatStatus(row, parisDay(now)));
  return {
    result,
    validUntil: result === "valide" ? row.expiresOn : null,
    endedOn:
      result === "revoque"
        ? row.revokedOn
        : result === "expire"
          ? row.endedAt
            ? parisDay(row.endedAt)
            : shiftDay(row.expiresOn, 1)
          : null,
  };
}
