import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { installDb, releaseDb } from "../db/client.server";
import { setConfig } from "../platform/config.server";
import { setOwnerUrl } from "./database-owner";
import { openTestDatabase } from "./test-database";

let drop: (() => Promise<void>) | null = null;
// Each test file seals its own journal into its own file, never into ./data.
const sealFile = path.join(tmpdir(), `guichet-seals-${process.pid}-${Math.random().toString(36).slice(2, 10)}.jsonl`);

beforeAll(async () => {
  const handle = await openTestDatabase(inject("testTemplate"));
  drop = handle.drop;
  setOwnerUrl(handle.ownerUrl);
  setConfig({ AUDIT_SEAL_FILE: sealFile });
  installDb(handle);
});

afterAll(async () => {
  releaseDb();
  setOwnerUrl(undefined);
  await rm(sealFile, { force: true });
  await drop?.();
});
