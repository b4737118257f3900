import { beforeAll, describe, expect, it } from "vitest";
import { inviteUser } from "../comptes/invite-user.server";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { homePage } from "./home-page.server";

const SINCE = "2020-01-01";
let metz: string;
let fontenay: string;
let coordinateur92: string;

beforeAll(async () => {
  metz = await createTestStructure({ nom: "France Services de Metz", departement: "57", communeInsee: "57463" });
  fontenay = await createTestStructure({ nom: "France Services de Fontenay", departement: "92" });
  coordinateur92 = (await createTestUser([{ role: "coordinateur", departement: "92", startsOn: SINCE }])).userId;
  // One pending invitation, in the 92, mailed through the outbox.
  await inviteUser(await testActor(coordinateur92), {
    prenom: "Zéphyrine",
    nom: "Quintalabre",
    email: "invitee-accueil@exemple.fr",
    role: "referent",
    partnerKey: "caf",
    departement: "92",
    startsOn: SINCE,
  });
});

async function pageFor(roles: Parameters<typeof createTestUser>[0]) {
  const { userId } = await createTestUser(roles.map((role) => ({ startsOn: SINCE, ...role })));
  return homePage(await testActor(userId));
}

describe("home page by permission", () => {
  it("shows an agent their structure and team, nothing wider", async () => {
    await createTestUser([{ role: "responsable", structureId: metz, startsOn: SINCE }]);
    const page = await pageFor([{ role: "agent", structureId: metz }]);
    expect(page.ownStructures).toEqual([
      expect.objectContaining({ id: metz, communeLabel: "Metz (57)", teamSize: 2, isResponsable: false }),
    ]);
    expect(page).toMatchObject({ wideStructures: [], network: false, pendingInvitations: 0, admin: null });
  });

  it("shows a referent their scope and no structure", async () => {
    const page = await pageFor([{ role: "referent", partnerKey: "caf", departement: "57" }]);
    expect(page.ownStructures).toEqual([]);
    expect(page.referentScopes).toEqual([{ partenaire: "CAF", departement: "57 — Moselle" }]);
    expect(page).toMatchObject({ wideStructures: [], network: false, admin: null });
  });

  it("shows a coordinateur the structures and the pending invitations of their département only", async () => {
    const page = await homePage(await testActor(coordinateur92));
    expect(page.wideStructures.map((structure) => structure.id)).toEqual([fontenay]);
    expect(page.coordinateurDepartements).toEqual(["92 — Hauts-de-Seine"]);
    expect(page).toMatchObject({ ownStructures: [], network: false, pendingInvitations: 1, admin: null });
  });

  it("shows national staff the whole network, and the admin the platform's counters too", async () => {
    const national = await pageFor([{ role: "national" }]);
    expect(national.wideStructures.map((structure) => structure.id).sort()).toEqual([fontenay, metz].sort());
    expect(national).toMatchObject({ network: true, pendingInvitations: 0, admin: null });
    const admin = await pageFor([{ role: "admin" }]);
    expect(admin).toMatchObject({ network: true, pendingInvitations: 1 });
    expect(admin.admin).toMatchObject({ structures: 2, outbox: 1 });
  });

  it("shows a user without a role in force only a greeting", async () => {
    const page = await pageFor([]);
    expect(page).toMatchObject({
      ownStructures: [],
      wideStructures: [],
      network: false,
      referentScopes: [],
      pendingInvitations: 0,
      admin: null,
    });
  });
});
