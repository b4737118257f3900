import { requirePublic } from "../../src/acces/guards.server";
import { ERROR_MESSAGES } from "../../src/platform/app-error";
import type { Route } from "./+types/$";

/** Any unknown address: the DSFR 404 page through the root error boundary. */
export async function loader({ request }: Route.LoaderArgs) {
  requirePublic(request);
  throw Response.json({ code: "not_found", message: ERROR_MESSAGES.not_found }, { status: 404 });
}

export async function action({ request }: Route.ActionArgs) {
  requirePublic(request);
  throw Response.json({ code: "not_found", message: ERROR_MESSAGES.not_found }, { status: 404 });
}

export default function NotFound() {
  return null;
}
