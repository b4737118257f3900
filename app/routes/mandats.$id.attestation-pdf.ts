import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { revocationAttestationPdf } from "../../src/mandats/mandat-documents.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { pdfResponse } from "../../src/platform/pdf.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/mandats.$id.attestation-pdf";

/** GET /mandats/:id/attestation.pdf: the attestation of revocation, for the usager. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const { pdf, filename } = await orErrorPage(request, () =>
    revocationAttestationPdf(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  return pdfResponse(pdf, filename);
}
