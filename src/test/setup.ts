import { afterAll, beforeAll, inject } from "vitest";
import { releaseDb, useDb } from "../db/client.server";
import { openTestDatabase } from "./test-database";

let drop: (() => Promise<void>) | null = null;

beforeAll(async () => {
  const handle = await openTestDatabase(inject("testTemplate"));
  drop = handle.drop;
  useDb(handle);
});

afterAll(async () => {
  releaseDb();
  await drop?.();
});
