import { requirePublic } from "../../src/acces/guards.server";
import { structuresDatasetCsv } from "../../src/opendata/structures-csv";
import { listOpenStructures } from "../../src/opendata/structures-dataset.server";
import type { Route } from "./+types/donnees-ouvertes.structures";

/** Open data: the open structures with the columns of the national « Liste des structures France services ». */
export async function loader({ request }: Route.LoaderArgs) {
  requirePublic(request);
  const csv = structuresDatasetCsv(await listOpenStructures());
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'inline; filename="structures-france-services.csv"',
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
