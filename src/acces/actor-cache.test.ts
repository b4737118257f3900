import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiToken, revokeApiToken } from "../auth/api-tokens.server";
import { type DbHandle, db, dbHandle } from "../db/client.server";
import { roleAssignments, users } from "../db/schema";
import { asDatabaseOwner } from "../test/database-owner";
import { createTestStructure, createTestUser } from "../test/factories";
import {
  actorCacheGeneration,
  actorCacheInvalidatedSince,
  actorCacheListening,
  cachedActorValue,
} from "./actor-cache.server";
import { actorForApiToken } from "./api-token-actor.server";

/** Runs a change, then waits for the database's notification of it to reach the cache. */
async function announced(change: () => Promise<unknown>): Promise<void> {
  const handle = dbHandle();
  const before = actorCacheGeneration(handle);
  await change();
  await actorCacheInvalidatedSince(handle, before);
}

describe("API actor cache", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("serves a token's actor from memory until the database announces a change of roles, user or token", async () => {
    const handle = dbHandle();
    await actorCacheListening(handle);
    const structureId = await createTestStructure();
    const { userId, email } = await createTestUser([{ role: "agent", structureId }]);
    const { id, token } = await createApiToken({ email, name: "cache" });
    const first = await actorForApiToken(token);
    expect(first?.userId).toBe(userId);

    // A change made without the notification is not seen: the actor came from memory.
    // Only the table's owner may disable a trigger (on PostgreSQL, the tests run as a role that owns nothing).
    await asDatabaseOwner((owner) =>
      owner.transaction(async (tx) => {
        await tx.execute(sql`alter table users disable trigger users_notify_acteurs`);
        await tx.update(users).set({ prenom: "Inaperçu" }).where(eq(users.id, userId));
        await tx.execute(sql`alter table users enable trigger users_notify_acteurs`);
      }),
    );
    expect((await actorForApiToken(token))?.prenom).toBe(first?.prenom);

    // A role given is announced: the next request sees it.
    await announced(() => db().insert(roleAssignments).values({ userId, role: "responsable", structureId }));
    const promoted = await actorForApiToken(token);
    expect(promoted?.responsableStructureIds).toEqual([structureId]);
    expect(promoted?.prenom).toBe("Inaperçu");

    // The last use is written, and writing it announces nothing.
    const generation = actorCacheGeneration(handle);
    const [{ lastUsedAt }] = await db()
      .select({ lastUsedAt: sql<Date | null>`last_used_at` })
      .from(sql`api_tokens`)
      .where(sql`id = ${id}`);
    expect(lastUsedAt).not.toBeNull();
    expect(actorCacheGeneration(handle)).toBe(generation);

    await announced(() => revokeApiToken({ id }));
    expect(await actorForApiToken(token)).toBeNull();
  });

  it("refuses a disabled user's token once the change is announced", async () => {
    await actorCacheListening(dbHandle());
    const { userId, email } = await createTestUser([{ role: "national" }]);
    const { token } = await createApiToken({ email, name: "cache" });
    expect((await actorForApiToken(token))?.userId).toBe(userId);
    await announced(() => db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId)));
    expect(await actorForApiToken(token)).toBeNull();
  });

  it("keeps no load that overlapped an invalidation, nothing older than 30 s, and nothing without its LISTEN", async () => {
    let notify = () => {};
    let lose = () => {};
    const handle = {
      listen: async (_channel: string, onNotify: () => void, onLost: () => void) => {
        notify = onNotify;
        lose = onLost;
        return async () => {};
      },
    } as unknown as DbHandle;
    await actorCacheListening(handle);
    let loads = 0;
    const load = async () => ({ load: ++loads });

    // The table changed while this load read it: returned, not kept.
    const loadWhileNotified = async () => {
      notify();
      return load();
    };
    expect(await cachedActorValue(handle, "k", loadWhileNotified)).toEqual({ load: 1 });
    expect(await cachedActorValue(handle, "k", load)).toEqual({ load: 2 });
    expect(await cachedActorValue(handle, "k", load)).toEqual({ load: 2 });

    vi.useFakeTimers({ now: Date.now() + 31_000, toFake: ["Date"] });
    expect(await cachedActorValue(handle, "k", load)).toEqual({ load: 3 });
    expect(await cachedActorValue(handle, "k", load)).toEqual({ load: 3 });

    // The LISTEN connection is lost: every call loads until it is back.
    lose();
    expect(await cachedActorValue(handle, "k", load)).toEqual({ load: 4 });
    expect(await cachedActorValue(handle, "k", load)).toEqual({ load: 5 });
    expect(await cachedActorValue(handle, "absent", async () => null)).toBeNull();
  });
});
