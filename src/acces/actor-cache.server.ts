import type { DbHandle } from "../db/client.server";

/** The channel the database notifies when an actor may have changed (migration 0016). */
export const ACTORS_CHANNEL = "guichet_acteurs";
/** Beyond this many entries the cache starts again empty (one entry per token in use today). */
const MAX_ENTRIES = 10_000;
/**
 * An entry is loaded again after this long even without a notification: a LISTEN connection that
 * stalls without breaking would otherwise keep a revoked token alive.
 */
const MAX_AGE_MS = 30_000;
/** After a failed LISTEN, requests go uncached for this long before the next attempt. */
const RETRY_AFTER_MS = 5_000;

type CacheState = {
  entries: Map<string, { value: unknown; loadedAt: number }>;
  /** Bumped by every invalidation: a load that started before it is not kept. */
  generation: number;
  listening: boolean;
  retryAt: number;
  waiters: Array<() => void>;
  listeningWaiters: Array<() => void>;
};

const states = new WeakMap<DbHandle, CacheState>();

function invalidate(state: CacheState): void {
  state.entries.clear();
  state.generation++;
  for (const wake of state.waiters.splice(0)) wake();
}

function startListening(handle: DbHandle, state: CacheState): void {
  state.retryAt = Number.POSITIVE_INFINITY; // one attempt at a time
  handle
    .listen(
      ACTORS_CHANNEL,
      () => invalidate(state),
      () => {
        state.listening = false;
        state.retryAt = Date.now() + RETRY_AFTER_MS;
        invalidate(state);
      },
    )
    .then(
      () => {
        // Loads that began before the LISTEN may hold changes it never heard of.
        invalidate(state);
        state.listening = true;
        for (const wake of state.listeningWaiters.splice(0)) wake();
      },
      () => {
        state.retryAt = Date.now() + RETRY_AFTER_MS;
      },
    );
}

function stateOf(handle: DbHandle): CacheState {
  let state = states.get(handle);
  if (!state) {
    state = { entries: new Map(), generation: 0, listening: false, retryAt: 0, waiters: [], listeningWaiters: [] };
    states.set(handle, state);
  }
  if (!state.listening && Date.now() >= state.retryAt) startListening(handle, state);
  return state;
}

/**
 * A value loaded from the tables that notify ACTORS_CHANNEL, kept until they change (ADR 014).
 * Served from memory only while the LISTEN connection is up; otherwise every call loads. A load
 * that overlapped an invalidation is returned but not kept. Absent values (null) are not kept, and
 * nothing is kept longer than MAX_AGE_MS.
 */
export async function cachedActorValue<T>(
  handle: DbHandle,
  key: string,
  load: () => Promise<T | null>,
): Promise<T | null> {
  const state = stateOf(handle);
  if (state.listening) {
    const hit = state.entries.get(key);
    if (hit && Date.now() - hit.loadedAt < MAX_AGE_MS) return hit.value as T;
  }
  const generation = state.generation;
  const loadedAt = Date.now();
  const loaded = await load();
  if (loaded !== null && state.listening && state.generation === generation) {
    if (state.entries.size >= MAX_ENTRIES) state.entries.clear();
    state.entries.set(key, { value: loaded, loadedAt });
  }
  return loaded;
}

/** Resolves once the cache of a handle serves from memory (its LISTEN connection is up). */
export function actorCacheListening(handle: DbHandle): Promise<void> {
  const state = stateOf(handle);
  if (state.listening) return Promise.resolve();
  return new Promise((resolve) => state.listeningWaiters.push(resolve));
}

/** How many times a handle's cache has been emptied so far. */
export function actorCacheGeneration(handle: DbHandle): number {
  return stateOf(handle).generation;
}

/** Resolves once a handle's cache has been emptied after the given generation (a notification arrived). */
export async function actorCacheInvalidatedSince(handle: DbHandle, generation: number): Promise<void> {
  const state = stateOf(handle);
  while (state.generation <= generation) await new Promise<void>((resolve) => state.waiters.push(resolve));
}
