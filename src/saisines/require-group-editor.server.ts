import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { canSeeDepartement } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { referentGroups } from "../db/schema";
import { AppError } from "../platform/app-error";
import { actorGroupIds } from "./access.server";

/** Who maintains a group: the coordinateur of its département (and admin), or one of its members. */
export async function requireGroupEditor(actor: Actor, groupId: string, q: Queryable = db()) {
  const [group] = await q.select().from(referentGroups).where(eq(referentGroups.id, groupId));
  if (!group) throw new AppError("referent_group.not_found", 404);
  if (canSeeDepartement(actor, group.departement)) return group;
  if ((await actorGroupIds(actor, q)).includes(groupId)) return group;
  throw new AppError("referent_group.not_found", 404);
}
