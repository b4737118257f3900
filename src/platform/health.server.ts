import { sql } from "drizzle-orm";
import { db } from "../db/client.server";

/** Whether the database answers a trivial query (for /healthz). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await db().execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
