import { describeActor } from "../../src/comptes/describe-actor";
import { requireUser } from "../../src/comptes/guards.server";

/** The authenticated user, with roles and scopes. */
export async function loader({ request }: { request: Request }) {
  const actor = await requireUser(request);
  return Response.json(describeActor(actor));
}
