import { requirePublic } from "../../src/comptes/guards.server";
import { config } from "../../src/platform/config.server";
import { openApiDocument } from "../../src/platform/openapi";

/** The API description is public: it holds no data. */
export async function loader({ request }: { request: Request }) {
  requirePublic(request);
  return Response.json(openApiDocument(config().PUBLIC_URL));
}
