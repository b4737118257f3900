import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { exportUsagerPdf } from "../../src/droits-usager/export-usager.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { pdfResponse } from "../../src/platform/pdf.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/usagers.$id.export-pdf";

/** GET /usagers/:id/export.pdf: right of access, printable (journaled). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const pdf = await orErrorPage(request, () =>
    exportUsagerPdf(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  return pdfResponse(pdf, "donnees-usager.pdf");
}
