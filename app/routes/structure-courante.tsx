import { redirect } from "react-router";
import { z } from "zod";
import { forbidden, requireUser } from "../../src/acces/guards.server";
import { setCurrentStructure } from "../../src/auth/session.server";
import { readFormData } from "../../src/platform/form.server";
import { safeRedirectPath } from "../../src/platform/http.server";
import { uuid } from "../../src/platform/validation";
import type { Route } from "./+types/structure-courante";

const schema = z.object({ structureId: uuid() });

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request);
  return redirect("/");
}

/** Switches the structure the user works in (only among their own). */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request);
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success || !actor.structureIds.includes(parsed.data.structureId) || !actor.sessionIdHash)
    forbidden(request);
  await setCurrentStructure(actor.sessionIdHash, parsed.data.structureId);
  return redirect(safeRedirectPath(new URL(request.headers.get("referer") ?? "/", "http://localhost").pathname));
}
