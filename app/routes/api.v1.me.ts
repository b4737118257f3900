import { describeActor } from "../../src/acces/describe-actor";
import { requireUser } from "../../src/acces/guards.server";

/** The authenticated user, with roles and scopes. */
export async function loader({ request }: { request: Request }) {
  const actor = await requireUser(request);
  return Response.json(describeActor(actor));
}
