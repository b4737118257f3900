import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { auditLog, partenairesLocaux } from "../db/schema";
import { isAppError } from "../platform/app-error";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { createPartenaireLocal } from "./create-partenaire-local.server";
import { listPartenaires } from "./list-partenaires.server";
import { PARTENAIRE_KEYS } from "./partenaires";

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return `${error.code} ${error.status} ${error.field ?? ""}`.trim();
    throw error;
  }
  throw new Error("expected an AppError");
}

let coordinateur57: Actor;
let admin: Actor;
let structure57: string;
let structure92: string;

beforeAll(async () => {
  coordinateur57 = await testActor((await createTestUser([{ role: "coordinateur", departement: "57" }])).userId);
  admin = await testActor((await createTestUser([{ role: "admin" }])).userId);
  structure57 = await createTestStructure({ departement: "57", communeInsee: "57631", codePostal: "57200" });
  structure92 = await createTestStructure({ departement: "92", communeInsee: "92032" });
});

describe("createPartenaireLocal", () => {
  it("lets a coordinateur add a partner in their département, with an audit row", async () => {
    const id = await createPartenaireLocal(coordinateur57, {
      nom: "Mission locale de test",
      departement: "57",
      structureId: null,
    });
    const [row] = await db().select().from(partenairesLocaux).where(eq(partenairesLocaux.id, id));
    expect(row).toMatchObject({ departement: "57", structureId: null });
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "partenaire_local.created")));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: coordinateur57.userId, targetType: "partenaire_local" });
  });

  it("stores a structure-level partner with its structure only", async () => {
    const id = await createPartenaireLocal(coordinateur57, {
      nom: "CCAS de test",
      departement: "57",
      structureId: structure57,
    });
    const [row] = await db().select().from(partenairesLocaux).where(eq(partenairesLocaux.id, id));
    expect(row).toMatchObject({ departement: null, structureId: structure57 });
  });

  it("refuses other départements to a coordinateur, and every département to agents and national", async () => {
    expect(
      await codeOf(createPartenaireLocal(coordinateur57, { nom: "Hors zone", departement: "92", structureId: null })),
    ).toBe("partenaire_local.scope_forbidden 403 departement");
    expect(
      await codeOf(
        createPartenaireLocal(coordinateur57, { nom: "Hors zone", departement: "57", structureId: structure92 }),
      ),
    ).toBe("partenaire_local.structure_mismatch 400 structureId");
    const national = await testActor((await createTestUser([{ role: "national" }])).userId);
    expect(await codeOf(createPartenaireLocal(national, { nom: "X", departement: "57", structureId: null }))).toBe(
      "auth.forbidden 403",
    );
    const agent = await testActor((await createTestUser([{ role: "agent", structureId: structure57 }])).userId);
    expect(await codeOf(createPartenaireLocal(agent, { nom: "X", departement: "57", structureId: null }))).toBe(
      "auth.forbidden 403",
    );
  });

  it("lets an admin add anywhere, but not in a département that does not exist", async () => {
    await createPartenaireLocal(admin, { nom: "Maison de justice de test", departement: "92", structureId: null });
    expect(
      await codeOf(createPartenaireLocal(admin, { nom: "Nulle part", departement: "96", structureId: null })),
    ).toBe("departement.unknown 400 departement");
  });
});

describe("listPartenaires", () => {
  let d57: string;
  let s57: string;
  let d92: string;
  let s92: string;

  beforeAll(async () => {
    d57 = await createPartenaireLocal(admin, { nom: "Liste — département 57", departement: "57", structureId: null });
    s57 = await createPartenaireLocal(admin, {
      nom: "Liste — structure 57",
      departement: "57",
      structureId: structure57,
    });
    d92 = await createPartenaireLocal(admin, { nom: "Liste — département 92", departement: "92", structureId: null });
    s92 = await createPartenaireLocal(admin, {
      nom: "Liste — structure 92",
      departement: "92",
      structureId: structure92,
    });
  });

  const idsOf = async (actor: Actor) => (await listPartenaires(actor)).locaux.map((p) => p.id);

  it("always lists every national partner", async () => {
    const { nationaux } = await listPartenaires(coordinateur57);
    expect(nationaux.map((p) => p.key)).toEqual(PARTENAIRE_KEYS);
  });

  it("shows a coordinateur the local partners of their départements", async () => {
    const ids = await idsOf(coordinateur57);
    expect(ids).toEqual(expect.arrayContaining([d57, s57]));
    expect(ids).not.toContain(d92);
    expect(ids).not.toContain(s92);
    const structureLevel = (await listPartenaires(coordinateur57)).locaux.find((p) => p.id === s57);
    expect(structureLevel).toMatchObject({ departement: "57", structureId: structure57 });
  });

  it("shows an agent the partners of their structure and of its département only", async () => {
    const other57 = await createTestStructure({ departement: "57", communeInsee: "57631" });
    const otherStructurePartner = await createPartenaireLocal(admin, {
      nom: "Liste — autre structure 57",
      departement: "57",
      structureId: other57,
    });
    const agent = await testActor((await createTestUser([{ role: "agent", structureId: structure57 }])).userId);
    const ids = await idsOf(agent);
    expect(ids).toEqual(expect.arrayContaining([d57, s57]));
    expect(ids).not.toContain(otherStructurePartner);
    expect(ids).not.toContain(d92);
    expect(ids).not.toContain(s92);
  });

  it("shows a referent the département-level partners of their départements", async () => {
    const referent = await testActor(
      (await createTestUser([{ role: "referent", partnerKey: "caf", departement: "92" }])).userId,
    );
    const ids = await idsOf(referent);
    expect(ids).toContain(d92);
    expect(ids).not.toContain(s92);
    expect(ids).not.toContain(d57);
  });

  it("shows national and admin every local partner", async () => {
    const national = await testActor((await createTestUser([{ role: "national" }])).userId);
    expect(await idsOf(national)).toEqual(expect.arrayContaining([d57, s57, d92, s92]));
    expect(await idsOf(admin)).toEqual(expect.arrayContaining([d57, s57, d92, s92]));
  });
});
