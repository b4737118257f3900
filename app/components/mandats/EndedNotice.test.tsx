import { renderToString } from "react-dom/server";
import { createRoutesStub, useLoaderData } from "react-router";
import { describe, expect, it } from "vitest";
import type { DemarcheDetail } from "../../../src/demarches/get-demarche.server";
import type { MandatDetail } from "../../../src/mandats/get-mandat.server";
import { PourLeCompteSection } from "../demarches/PourLeCompteSection";
import { EndedNotice } from "./EndedNotice";

const MANDAT = "5b8e1f0a-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
const USAGER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

function ended(renewable: boolean): string {
  const mandat = { id: MANDAT, statut: "termine", renewable, usagerId: USAGER, endedAt: "2026-03-10T10:00:00.000Z" };
  return renderToString(<EndedNotice mandat={mandat as MandatDetail} />);
}

/** The démarche page's section, fed as its route's loader data. */
function Section() {
  return <PourLeCompteSection demarche={useLoaderData() as DemarcheDetail} errors={[]} />;
}

function demarcheSection(mandat: Record<string, unknown>, closed = false): string {
  const demarche = {
    usager: { id: USAGER },
    mandats: [{ id: MANDAT, expiresOn: "2027-03-09", ...mandat }],
    actions: [],
    closed,
  };
  const Stub = createRoutesStub([{ id: "page", path: "/", Component: Section, loader: () => null }]);
  return renderToString(<Stub initialEntries={["/"]} hydrationData={{ loaderData: { page: demarche } }} />);
}

describe("an ended mandate, shown as such (issue 12)", () => {
  it("mandate page: says it ended and when; links to renewing it once a démarche reopened, and to a new mandate", () => {
    const reopened = ended(true);
    expect(reopened).toContain("Ce mandat a pris fin");
    expect(reopened).toContain("10 mars 2026");
    expect(reopened).toContain("Une démarche couverte a été rouverte depuis");
    expect(reopened).toContain('href="#renouvellement-titre"');
    expect(reopened).toContain(`href="/mandats/nouveau?usager=${USAGER}"`);
    const done = ended(false);
    expect(done).not.toContain("#renouvellement-titre");
    expect(done).toContain(`href="/mandats/nouveau?usager=${USAGER}"`);
  });

  it("démarche page: an ended mandate no longer covers the reopened démarche, with both ways on", () => {
    const html = demarcheSection({ statut: "termine", authorisationRevoked: false, signed: true });
    expect(html).toContain("il a pris fin quand toutes ses démarches ont été closes et ne couvre plus cette démarche");
    expect(html).not.toContain("valable jusqu’au");
    expect(html).toContain(`href="/mandats/${MANDAT}#renouvellement-titre"`);
    expect(html).toContain(`href="/mandats/nouveau?usager=${USAGER}"`);
    expect(html).toContain("Sans mandat valide couvrant cette démarche, l’action sera refusée.");
    const unsigned = demarcheSection({ statut: "termine", authorisationRevoked: false, signed: false });
    expect(unsigned).not.toContain("#renouvellement-titre");
    const valid = demarcheSection({ statut: "valide", authorisationRevoked: false, signed: true });
    expect(valid).toContain("valable jusqu’au");
    expect(valid).not.toContain("a pris fin");
  });
});
