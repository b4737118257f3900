import { sql } from "drizzle-orm";
import { requirePublic } from "../../src/comptes/guards.server";
import { db } from "../../src/db/client.server";

/** Answers 200 only when the database answers. */
export async function loader({ request }: { request: Request }) {
  requirePublic(request);
  try {
    await db().execute(sql`select 1`);
    return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  } catch {
    return new Response("base de données indisponible", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
