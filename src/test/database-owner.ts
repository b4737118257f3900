import { connect, type Db, db } from "../db/client.server";

const OWNER_URL_KEY = Symbol.for("guichet.test.owner-url");
type Holder = { [OWNER_URL_KEY]?: string };

/** Remembers how to reach this test file's database as its owner (PostgreSQL only; see setup.ts). */
export function setOwnerUrl(url: string | undefined): void {
  (globalThis as Holder)[OWNER_URL_KEY] = url;
}

/**
 * Runs `work` as the owner of the schema: the migration role on PostgreSQL (the tests otherwise work as the runtime
 * role, which may not ALTER a table or disable a trigger), the one and only user on PGlite.
 */
export async function asDatabaseOwner<T>(work: (owner: Db) => Promise<T>): Promise<T> {
  const url = (globalThis as Holder)[OWNER_URL_KEY];
  if (!url) return work(db());
  const owner = await connect({ databaseUrl: url });
  try {
    return await work(owner.db);
  } finally {
    await owner.close();
  }
}
