import { requirePermission } from "../../src/acces/guards.server";
import { mandatDocumentPdf } from "../../src/mandats/mandat-documents.server";
import { apiHandler } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { pdfResponse } from "../../src/platform/pdf.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/api.v1.mandats.$id.document-pdf";

/** GET /api/v1/mandats/:id/document.pdf: the mandate in two originals; journaled. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  return apiHandler(async () => {
    const { pdf, filename } = await mandatDocumentPdf(actor, id, {
      ip: clientIp(request),
      userAgent: userAgent(request),
    });
    return pdfResponse(pdf, filename);
  });
}
