import { redirect } from "react-router";
import { requirePendingOrFullSession } from "../../src/acces/guards.server";
import { recordAudit } from "../../src/audit/journal.server";
import { clearSessionCookie, destroySession } from "../../src/auth/session.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import type { Route } from "./+types/deconnexion";

export async function loader({ request }: Route.LoaderArgs) {
  await requirePendingOrFullSession(request);
  return redirect("/");
}

export async function action({ request }: Route.ActionArgs) {
  const { actor } = await requirePendingOrFullSession(request);
  if (actor.sessionIdHash) await destroySession(actor.sessionIdHash);
  await recordAudit({
    action: "auth.logout",
    actorId: actor.userId,
    role: actor.primaryRole,
    ip: clientIp(request),
    userAgent: userAgent(request),
  });
  return redirect("/connexion", { headers: { "Set-Cookie": clearSessionCookie() } });
}
