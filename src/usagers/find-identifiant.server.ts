import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { usagerIdentifiants } from "../db/schema";
import { AppError } from "../platform/app-error";
import { isUuid } from "../platform/validation";
import { findUsager } from "./get-usager.server";

export async function findIdentifiant(actor: Actor, usagerId: string, identifiantId: string) {
  const usager = await findUsager(actor, usagerId);
  if (!isUuid(identifiantId)) throw new AppError("usager.identifier_not_found", 404);
  const [row] = await db()
    .select()
    .from(usagerIdentifiants)
    .where(and(eq(usagerIdentifiants.id, identifiantId), eq(usagerIdentifiants.usagerId, usager.id)));
  if (!row) throw new AppError("usager.identifier_not_found", 404);
  return { usager, row };
}
