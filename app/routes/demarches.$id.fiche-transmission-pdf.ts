import { requirePermission } from "../../src/acces/guards.server";
import { ficheTransmissionPdf } from "../../src/demarches/demarche-documents.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { pdfResponse } from "../../src/platform/pdf.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/demarches.$id.fiche-transmission-pdf";

/** GET /demarches/:id/fiche-transmission.pdf: the slip that travels with the complete paper file. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const { pdf, filename } = await orErrorPage(request, () =>
    ficheTransmissionPdf(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  return pdfResponse(pdf, filename);
}
