import { redirect } from "react-router";
import { forbidden, requirePermission } from "../../src/acces/guards.server";
import { naturalDashboard } from "../../src/pilotage/dashboard.server";
import { dashboardPath } from "../components/pilotage/dashboard-links";
import type { Route } from "./+types/pilotage";

/** /pilotage: the dashboard of the actor's widest level (national, their département, their current structure). */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "pilotage:read");
  const target = naturalDashboard(actor);
  if (!target) forbidden(request);
  const periode = new URL(request.url).searchParams.get("periode");
  return redirect(dashboardPath(target.level, target.id, periode ?? undefined));
}

/** Never shown (the loader always redirects): a page component keeps client-side navigation to /pilotage a normal navigation. */
export default function Pilotage() {
  return <h1>Pilotage</h1>;
}
