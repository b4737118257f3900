import { requirePublic } from "../../src/acces/guards.server";
import { lieuxMediationNumerique } from "../../src/opendata/lieux-mediation-numerique";
import { listOpenStructures } from "../../src/opendata/structures-dataset.server";
import type { Route } from "./+types/donnees-ouvertes.lieux-mediation-numerique";

/** Open data: the open structures in the national schema of « lieux de médiation numérique ». */
export async function loader({ request }: Route.LoaderArgs) {
  requirePublic(request);
  return Response.json(lieuxMediationNumerique(await listOpenStructures()), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
