import { data, redirect } from "react-router";
import type { Actor } from "../../../src/acces/actor.server";
import { orErrorPage } from "../../../src/acces/guards.server";
import { loadDashboard } from "../../../src/pilotage/dashboard.server";
import type { Level } from "../../../src/pilotage/report.server";
import { dashboardHref, dashboardPage } from "./dashboard-links";

/** For the dashboard routes: the page data (status 200 or 400), a redirect to the canonical period address, or the 403/404 error page. */
export async function dashboardResponse(request: Request, actor: Actor, level: Level, id: string | null) {
  const result = await orErrorPage(request, () => loadDashboard(actor, { level, id, url: new URL(request.url) }));
  if (result.kind === "redirect") throw redirect(dashboardHref(result.target));
  return data(dashboardPage(result.page), { status: result.status });
}
