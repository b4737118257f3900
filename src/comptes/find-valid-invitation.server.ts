import { and, eq, gt, isNull } from "drizzle-orm";
import type { Queryable } from "../db/client.server";
import { invitations } from "../db/schema";
import { sha256Hex } from "../platform/crypto.server";

/** The unused, unexpired invitation behind a token, or nothing. */
export async function findValidInvitation(token: string, q: Queryable) {
  if (!token) return null;
  const [row] = await q
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, sha256Hex(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}
