import { afterAll, beforeAll, inject } from "vitest";
import { installDb, releaseDb } from "../db/client.server";
import { openTestDatabase } from "./test-database";

let drop: (() => Promise<void>) | null = null;

beforeAll(async () => {
  const handle = await openTestDatabase(inject("testTemplate"));
  drop = handle.drop;
  installDb(handle);
});

afterAll(async () => {
  releaseDb();
  await drop?.();
});
