import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { findUsager } from "../../src/usagers/get-usager.server";
import { NOTICE_TITLE } from "../../src/usagers/notice";
import { structureNotice } from "../../src/usagers/notice.server";
import { longDateTime } from "../components/format";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/usagers.$id.notice";

export const meta: Route.MetaFunction = () => [{ title: `${NOTICE_TITLE} — Guichet` }];

/** The information notice the usager received, with the date it was handed over. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const usager = await orErrorPage(request, () => findUsager(actor, id));
  const notice = await orErrorPage(request, () => structureNotice(actor));
  return { usagerId: usager.id, remiseAt: usager.noticeRemiseAt.toISOString(), ...notice };
}

export default function NoticeUsager({ loaderData }: Route.ComponentProps) {
  const { usagerId, remiseAt, structure, sections } = loaderData;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <p>
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/usagers/${usagerId}`}>
            Retour à la fiche
          </a>
        </p>
        <h1>{NOTICE_TITLE}</h1>
        <p className="fr-text--lead">{structure.nom}</p>
        <p>Notice remise à l’usager le {longDateTime(remiseAt)}.</p>
        <p>
          <a
            className="fr-btn fr-btn--secondary fr-icon-printer-line fr-btn--icon-left"
            href="/usagers/notice.pdf"
            target="_blank"
            rel="noopener"
          >
            Version imprimable (PDF, nouvelle fenêtre)
          </a>
        </p>
        {sections.map((section) => (
          <section key={section.title}>
            <h2 className="fr-h4">{section.title}</h2>
            {section.paragraphs.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
