import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { errorResponse } from "../acces/guards.server";
import { db, type Queryable } from "../db/client.server";
import { roleAssignments } from "../db/schema";
import { AppError, isAppError } from "../platform/app-error";
import { isUuid } from "../platform/validation";
import { groupByUser, type ManagedUser, managedRows } from "./managed-users.server";

/** One user with every role (ended ones too) the actor may manage; 404 when there is none. */
export async function getUserInScope(actor: Actor, userId: string, q: Queryable = db()): Promise<ManagedUser> {
  if (!isUuid(userId)) throw new AppError("user.not_found", 404);
  const [user] = groupByUser(await managedRows(actor, eq(roleAssignments.userId, userId), q));
  if (!user) throw new AppError("user.not_found", 404);
  return user;
}

/** For loaders and actions: the user, or a thrown 404 (DSFR page, or JSON for the API). */
export async function requireUserInScope(request: Request, actor: Actor, userId: string): Promise<ManagedUser> {
  try {
    return await getUserInScope(actor, userId);
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error.code, error.status);
    throw error;
  }
}
