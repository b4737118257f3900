import { type SQL, sql } from "drizzle-orm";

/** A `uuid[]` value for the SQL functions that take a list of ids (`stat_mark`, `stat_contributions`). */
export function uuidArray(ids: string[]): SQL {
  return sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;
}
