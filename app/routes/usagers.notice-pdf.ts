import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { pdfResponse } from "../../src/platform/pdf.server";
import { noticePdf } from "../../src/usagers/notice.server";
import type { Route } from "./+types/usagers.notice-pdf";

/** GET /usagers/notice.pdf: the printable information notice of the current structure (no personal data). */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  return pdfResponse(await orErrorPage(request, () => noticePdf(actor)), "notice-information.pdf");
}
