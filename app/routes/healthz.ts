import { requirePublic } from "../../src/acces/guards.server";
import { databaseAnswers } from "../../src/platform/health.server";

/** Answers 200 only when the database answers. */
export async function loader({ request }: { request: Request }) {
  requirePublic(request);
  if (await databaseAnswers()) {
    return new Response("ok", {
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response("base de données indisponible", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
