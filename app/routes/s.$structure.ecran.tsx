import { errorResponse, orErrorPage, requirePermission } from "../../src/acces/guards.server";
import { loadScreenBoard } from "../../src/accueil/file-attente-screen.server";
import { ScreenBoard } from "../components/file-attente/ScreenBoard";
import { useAutoRevalidate } from "../components/file-attente/useAutoRevalidate";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/s.$structure.ecran";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Salle d’attente${data ? ` — ${data.board.structure.nom}` : ""} — Guichet` },
];

/** A full-screen display: the application's header and footer are not needed around it. */
export const handle = { layout: "ecran" };

/** With JavaScript the screen reloads its data every 5 s; without, the page refreshes every 15 s. */
const POLL_MS = 5_000;
const NO_SCRIPT_REFRESH_SECONDS = 15;

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "accueil:file_attente");
  const structureId = routeId(request, params, "structure");
  if (!actor.structureIds.includes(structureId)) throw errorResponse(request, "structure.not_found", 404);
  const board = await orErrorPage(request, () => loadScreenBoard(actor, structureId));
  return { board };
}

export default function Ecran({ loaderData }: Route.ComponentProps) {
  useAutoRevalidate(POLL_MS);
  return (
    <>
      <noscript>
        <meta httpEquiv="refresh" content={String(NO_SCRIPT_REFRESH_SECONDS)} />
      </noscript>
      <main id="contenu" className="fr-container fr-py-4w">
        <ScreenBoard board={loaderData.board} />
      </main>
    </>
  );
}
