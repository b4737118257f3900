import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { grantRole, type RoleScope } from "./create-user.server";
import { getUserInScope } from "./get-user-in-scope.server";
import { isoToday } from "./grant-scope";
import { resolveGrant } from "./resolve-grant.server";
import { assertRoleNotHeld } from "./role-held.server";

/** Grants one more role to a user the actor manages already. */
export async function addRole(actor: Actor, userId: string, input: RoleScope, q: Queryable = db()): Promise<string> {
  await getUserInScope(actor, userId, q);
  const { scope } = await resolveGrant(
    actor,
    { ...input, startsOn: input.startsOn ?? isoToday() },
    "role.scope_forbidden",
    q,
  );
  return q.transaction(async (tx) => {
    await assertRoleNotHeld(userId, scope, tx);
    return grantRole(actor, userId, scope, tx);
  });
}
