import { requirePermission } from "../../src/acces/guards.server";
import { Dashboard, dashboardTitle } from "../components/pilotage/Dashboard";
import { dashboardResponse } from "../components/pilotage/dashboard-response.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/pilotage.structures.$id";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `${dashboardTitle(data)} — ${data.periode.libelle} — Guichet` : "Pilotage — Guichet" },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "pilotage:read");
  const id = routeId(request, params);
  return dashboardResponse(request, actor, "structure", id);
}

export default function PilotageStructure({ loaderData }: Route.ComponentProps) {
  return <Dashboard page={loaderData} />;
}
