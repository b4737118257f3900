import { eq } from "drizzle-orm";
import { ROLE_LABELS, type Role } from "../acces/roles";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import { scopeLabel } from "./assignment-labels";
import { findValidInvitation } from "./find-valid-invitation.server";

/** What the public invitation page shows: the role and where, nothing else. */
export async function describeInvitation(
  token: string,
  q: Queryable = db(),
): Promise<{ roleLabel: string; scopeLabel: string } | null> {
  const row = await findValidInvitation(token, q);
  if (!row) return null;
  const role = row.role as Role;
  const [structure] = row.structureId
    ? await q.select({ nom: structures.nom }).from(structures).where(eq(structures.id, row.structureId))
    : [];
  return {
    roleLabel: ROLE_LABELS[role],
    scopeLabel: scopeLabel({ ...row, role, structureNom: structure?.nom ?? null }),
  };
}
