import { requirePublic } from "../../src/acces/guards.server";
import { openApiDocument } from "../../src/api/openapi";
import { config } from "../../src/platform/config.server";

/** The API description is public: it holds no data. */
export async function loader({ request }: { request: Request }) {
  requirePublic(request);
  return Response.json(openApiDocument(config().PUBLIC_URL));
}
