import { requireUser } from "../../src/comptes/guards.server";
import { describeActor } from "../../src/comptes/describe-actor";

/** The authenticated user, with roles and scopes. */
export async function loader({ request }: { request: Request }) {
  const actor = await requireUser(request);
  return Response.json(describeActor(actor));
}
