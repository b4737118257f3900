import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../acces/actor.server";
import { requireOperator } from "../acces/operator";
import { db } from "../db/client.server";
import { auditLog, structures } from "../db/schema";
import { isAppError } from "../platform/app-error";
import { expectDbRefusal } from "../test/db-refusal";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { createStructure } from "./create-structure.server";
import { getStructure } from "./get-structure.server";
import { listStructureTeam } from "./list-structure-team.server";
import { listStructureDepartements, listStructures } from "./list-structures.server";
import { structureFiltersFromUrl, structureSchema } from "./structures.schema";
import { updateStructure } from "./update-structure.server";

function input(overrides: Record<string, unknown> = {}) {
  return structureSchema.parse({
    nom: "France Services de Forbach",
    label: "france_services",
    format: "fixe",
    gestionnaireType: "commune",
    gestionnaireNom: "Ville de Forbach",
    adresse: "2 rue Nationale",
    codePostal: "57600",
    communeInsee: "57227",
    ...overrides,
  });
}

async function appErrorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, status: error.status, field: error.field };
    throw error;
  }
  throw new Error("expected an AppError");
}

let coordinateur57: Actor;
let admin: Actor;

beforeAll(async () => {
  coordinateur57 = await testActor((await createTestUser([{ role: "coordinateur", departement: "57" }])).userId);
  admin = await testActor((await createTestUser([{ role: "admin" }])).userId);
});

describe("createStructure", () => {
  it("derives the département from the commune and writes the audit row", async () => {
    const id = await createStructure(coordinateur57, input());
    const [row] = await db().select().from(structures).where(eq(structures.id, id));
    expect(row).toMatchObject({ departement: "57", communeInsee: "57227", statut: "ouverte", parentStructureId: null });
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "structure.created")));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: coordinateur57.userId,
      role: "coordinateur",
      structureId: id,
      targetType: "structure",
    });
  });

  it("writes the structure and its audit row in one transaction: a failing audit leaves no structure", async () => {
    // An actor id that is not a uuid makes the audit insert fail after the structure insert.
    const broken: Actor = { ...admin, userId: "pas-un-uuid" };
    const nom = "France Services jamais enregistrée";
    // invalid_text_representation: the audit row's actor_id is not a uuid.
    await expectDbRefusal(createStructure(broken, input({ nom })), { code: "22P02", message: /uuid/ });
    expect(await db().select().from(structures).where(eq(structures.nom, nom))).toEqual([]);
  });

  it("rejects an unknown commune on the commune field", async () => {
    expect(await appErrorOf(createStructure(admin, input({ communeInsee: "57999" })))).toEqual({
      code: "structure.commune_unknown",
      status: 400,
      field: "communeInsee",
    });
  });

  it("forbids a coordinateur of 57 to create a structure in 92", async () => {
    expect(
      await appErrorOf(createStructure(coordinateur57, input({ communeInsee: "92032", codePostal: "92260" }))),
    ).toEqual({
      code: "structure.scope_forbidden",
      status: 403,
      field: "communeInsee",
    });
  });

  it("forbids roles without structure:write, even national", async () => {
    const national = await testActor((await createTestUser([{ role: "national" }])).userId);
    expect((await appErrorOf(createStructure(national, input()))).code).toBe("auth.forbidden");
  });

  it("requires an antenne to have a main structure of the actor's scope as parent", async () => {
    expect(await appErrorOf(createStructure(admin, input({ format: "antenne" })))).toMatchObject({
      code: "structure.parent_required",
      field: "parentStructureId",
    });
    const foreign = await createTestStructure();
    expect(
      await appErrorOf(createStructure(coordinateur57, input({ format: "antenne", parentStructureId: foreign }))),
    ).toMatchObject({
      code: "structure.parent_invalid",
    });
    const parent = await createStructure(coordinateur57, input({ nom: "France Services principale" }));
    const antenne = await createStructure(
      coordinateur57,
      input({ nom: "Antenne de Behren", format: "antenne", parentStructureId: parent }),
    );
    expect((await getStructure(admin, antenne)).parentNom).toBe("France Services principale");
    expect(
      await appErrorOf(createStructure(admin, input({ format: "antenne", parentStructureId: antenne }))),
    ).toMatchObject({
      code: "structure.parent_invalid",
    });
  });

  it("drops a parent given for a structure that is not an antenne", async () => {
    const parent = await createTestStructure({ departement: "57", communeInsee: "57227" });
    const id = await createStructure(admin, input({ parentStructureId: parent }));
    expect((await getStructure(admin, id)).parentStructureId).toBeNull();
  });
});

describe("database constraints", () => {
  const insert = (label: string, format = "fixe", departement = "57") =>
    db().execute(sql`insert into structures (nom, label, format, gestionnaire_type, gestionnaire_nom, adresse, code_postal, commune_insee, departement)
      values ('Brute', ${label}, ${format}, 'commune', 'Commune', '1 rue', '57600', '57227', ${departement})`);

  it("reject an invalid label, format or département even through raw SQL", async () => {
    await expectDbRefusal(insert("maison_magique"), { code: "23514", constraint: "structures_label_check" });
    await expectDbRefusal(insert("france_services", "teleporteur"), {
      code: "23514",
      constraint: "structures_format_check",
    });
    await expectDbRefusal(insert("france_services", "fixe", "999"), {
      code: "23514",
      constraint: "structures_departement_format_check",
    });
    await expectDbRefusal(insert("france_services", "antenne"), {
      code: "23514",
      constraint: "structures_antenne_parent_check",
    });
    await expect(insert("france_services")).resolves.toBeDefined();
  });
});

describe("updateStructure", () => {
  it("updates in scope with an audit row, and keeps the same checks as creation", async () => {
    const id = await createStructure(coordinateur57, input({ nom: "À renommer" }));
    await updateStructure(
      coordinateur57,
      id,
      input({ nom: "Renommée", statut: "suspendue", telephone: "03 87 00 00 00", dateOuverture: "2023-01-02" }),
    );
    const updated = await getStructure(coordinateur57, id);
    expect(updated).toMatchObject({
      nom: "Renommée",
      statut: "suspendue",
      telephone: "03 87 00 00 00",
      dateOuverture: "2023-01-02",
    });
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "structure.updated")));
    expect(entries).toHaveLength(1);

    expect(await appErrorOf(updateStructure(coordinateur57, id, input({ communeInsee: "92032" })))).toMatchObject({
      code: "structure.scope_forbidden",
    });
    expect(await appErrorOf(updateStructure(coordinateur57, id, input({ communeInsee: "57999" })))).toMatchObject({
      code: "structure.commune_unknown",
    });
    expect(
      await appErrorOf(updateStructure(coordinateur57, id, input({ format: "antenne", parentStructureId: id }))),
    ).toMatchObject({ code: "structure.parent_invalid" });
    expect((await getStructure(admin, id)).nom).toBe("Renommée");
  });

  it("is not found for a structure out of scope, and writes nothing", async () => {
    const foreign = await createTestStructure({ nom: "Hors périmètre" });
    expect(await appErrorOf(updateStructure(coordinateur57, foreign, input({ nom: "Piratée" })))).toEqual({
      code: "structure.not_found",
      status: 404,
      field: undefined,
    });
    expect((await getStructure(admin, foreign)).nom).toBe("Hors périmètre");
  });

  it("refuses to turn a structure with antennes into an antenne", async () => {
    const parent = await createStructure(admin, input({ nom: "Mère" }));
    const other = await createStructure(admin, input({ nom: "Autre mère" }));
    await createStructure(admin, input({ nom: "Fille", format: "antenne", parentStructureId: parent }));
    expect(
      await appErrorOf(
        updateStructure(admin, parent, input({ nom: "Mère", format: "antenne", parentStructureId: other })),
      ),
    ).toMatchObject({
      code: "structure.has_antennes",
      field: "format",
    });
  });
});

describe("getStructure", () => {
  it("treats a malformed id as not found instead of a database error", async () => {
    expect(await appErrorOf(getStructure(admin, "pas-un-identifiant"))).toMatchObject({
      code: "structure.not_found",
      status: 404,
    });
  });
});

describe("listStructures", () => {
  let own: string;
  let sameDepartement: string;
  let elsewhere: string;

  beforeAll(async () => {
    own = await createTestStructure({
      nom: "Liste — la mienne",
      departement: "54",
      communeInsee: "54395",
      codePostal: "54000",
    });
    sameDepartement = await createTestStructure({
      nom: "Liste — voisine 100%_sûre",
      departement: "54",
      communeInsee: "54395",
      label: "msap",
      statut: "fermee",
    });
    elsewhere = await createTestStructure({ nom: "Liste — ailleurs", departement: "13", communeInsee: "13055" });
  });

  it("shows an agent only their structures", async () => {
    const agent = await testActor((await createTestUser([{ role: "agent", structureId: own }])).userId);
    expect((await listStructures(agent)).map((s) => s.id)).toEqual([own]);
    expect(await listStructureDepartements(agent)).toEqual(["54"]);
  });

  it("shows a coordinateur the structures of their départements", async () => {
    const coordinateur = await testActor((await createTestUser([{ role: "coordinateur", departement: "54" }])).userId);
    const ids = (await listStructures(coordinateur)).map((s) => s.id);
    expect(ids).toContain(own);
    expect(ids).toContain(sameDepartement);
    expect(ids).not.toContain(elsewhere);
  });

  it("shows national everything, and applies the filters", async () => {
    const national = await testActor((await createTestUser([{ role: "national" }])).userId);
    const ids = (await listStructures(national)).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([own, sameDepartement, elsewhere]));
    expect((await listStructures(national, { departement: "13" })).map((s) => s.id)).toEqual([elsewhere]);
    expect((await listStructures(national, { departement: "54", label: "msap" })).map((s) => s.id)).toEqual([
      sameDepartement,
    ]);
    expect((await listStructures(national, { statut: "fermee" })).map((s) => s.id)).toEqual([sameDepartement]);
    expect((await listStructures(national, { q: "LISTE — LA" })).map((s) => s.id)).toEqual([own]);
    // % and _ are matched literally, not as wildcards.
    expect((await listStructures(national, { q: "100%_" })).map((s) => s.id)).toEqual([sameDepartement]);
    expect(await listStructures(national, { q: "%" })).toHaveLength(1);
  });

  it("shows a referent nothing", async () => {
    const referent = await testActor(
      (await createTestUser([{ role: "referent", partnerKey: "caf", departement: "54" }])).userId,
    );
    expect(await listStructures(referent)).toEqual([]);
  });

  it("reads filters from a URL and drops values that do not parse", () => {
    expect(
      structureFiltersFromUrl(new URL("http://x/structures?departement=2a&label=msap&statut=ouverte&q=%20Metz%20")),
    ).toEqual({
      departement: "2A",
      label: "msap",
      statut: "ouverte",
      q: "Metz",
    });
    expect(structureFiltersFromUrl(new URL("http://x/structures?departement=xx&label=autre&statut=1&q="))).toEqual({});
  });
});

describe("listStructureTeam", () => {
  it("lists agents and responsables by name for responsables, coordinateurs and national, not for agents", async () => {
    const id = await createTestStructure({ departement: "57", communeInsee: "57227" });
    const agent = await testActor((await createTestUser([{ role: "agent", structureId: id }])).userId);
    const responsable = await testActor((await createTestUser([{ role: "responsable", structureId: id }])).userId);
    await createTestUser([{ role: "agent", structureId: id, startsOn: "2000-01-01", endsOn: "2000-12-31" }]);
    const team = await listStructureTeam(responsable, id);
    expect(team).toEqual([
      { prenom: "Camille", nom: "Test", role: "responsable" },
      { prenom: "Camille", nom: "Test", role: "agent" },
    ]);
    expect(await listStructureTeam(coordinateur57, id)).toHaveLength(2);
    expect(await listStructureTeam(agent, id)).toBeNull();
    expect(await listStructureTeam(requireOperator(), id)).toHaveLength(2);
  });
});
