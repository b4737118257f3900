// PLACEHOLDER: being written; replace this whole file.
import { requireUser } from "../../src/comptes/guards.server";

export async function loader({ request }: { request: Request }) {
  await requireUser(request);
  return Response.json({});
}
