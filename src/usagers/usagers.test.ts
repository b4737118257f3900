import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../acces/actor.server";
import { db, queryRows } from "../db/client.server";
import { auditLog, demarches, mandats, usagerIdentifiants, usagers } from "../db/schema";
import { eraseUsager } from "../droits-usager/erase-usager.server";
import { exportUsager, exportUsagerPdf } from "../droits-usager/export-usager.server";
import { recordSignature } from "../mandats/record-signature.server";
import { revokeMandat } from "../mandats/revoke-mandat.server";
import { setConfig } from "../platform/config.server";
import { parisDay } from "../platform/time";
import { createTestUser, testActor } from "../test/factories";
import {
  codeOf,
  newDemarche,
  newMandat,
  newUsager,
  pdfText,
  structureWithAgent,
  useTestEncryptionKey,
} from "../test/usager-fixtures";
import { addIdentifiant } from "./add-identifiant.server";
import { createUsager } from "./create-usager.server";
import { getUsagerFile } from "./get-usager.server";
import { mergeUsagers } from "./merge-usagers.server";
import { revealIdentifiant } from "./reveal-identifiant.server";
import { searchUsagers } from "./search-usagers.server";
import { updateUsager } from "./update-usager.server";
import { createUsagerSchema, identifiantSchema } from "./usagers.schema";

let agent: Actor;
let other: Actor;
let structureId: string;

async function auditTexts(): Promise<string> {
  const rows = await db().select().from(auditLog);
  return JSON.stringify(rows);
}

beforeAll(async () => {
  useTestEncryptionKey();
  ({ agent, structureId } = await structureWithAgent());
  other = (await structureWithAgent()).agent;
});

describe("usager files", () => {
  it("needs the information notice confirmed, and journals the creation with ids only", async () => {
    expect(createUsagerSchema.safeParse({ nom: "Dupont", prenom: "Martine" }).success).toBe(false);
    const id = await newUsager(agent, { nom: "Noticeconfirmee", prenom: "Aline", telephone: "06 12 34 56 78" });
    const [row] = await db().select().from(usagers).where(eq(usagers.id, id));
    expect(row.structureId).toBe(structureId);
    expect(row.noticeRemiseAt).toBeInstanceOf(Date);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "usager.created"), eq(auditLog.targetId, id)));
    expect(entry.actorId).toBe(agent.userId);
    expect(await auditTexts()).not.toMatch(/Noticeconfirmee|Aline|06 12 34/);
  });

  it("finds by name in the current structure only, accent- and order-insensitive; other structures get 403", async () => {
    const id = await newUsager(agent, { nom: "Lefèvre", prenom: "Hélène" });
    expect((await searchUsagers(agent, "lefevre hel")).map((row) => row.id)).toContain(id);
    expect((await searchUsagers(agent, "helene")).map((row) => row.id)).toContain(id);
    expect(await searchUsagers(agent, "")).toEqual([]);
    expect(await searchUsagers(other, "lefevre")).toEqual([]);
    expect(await codeOf(getUsagerFile(other, id))).toBe("auth.forbidden");
    expect(await codeOf(getUsagerFile(agent, "pas-un-uuid"))).toBe("usager.not_found");
    const coordinateur = await testActor((await createTestUser([{ role: "coordinateur", departement: "57" }])).userId);
    expect(await codeOf(getUsagerFile(coordinateur, id))).toBe("auth.forbidden");
    const views = await db().select().from(auditLog).where(eq(auditLog.action, "usager.searched"));
    expect(views.length).toBeGreaterThanOrEqual(2);
    expect(await auditTexts()).not.toMatch(/lef[eè]vre|h[eé]l[eè]ne/i);
  });

  it("journals every view and rectification", async () => {
    const id = await newUsager(agent, { nom: "Rectifie", prenom: "Paul" });
    await getUsagerFile(agent, id, { ip: "192.0.2.1", userAgent: "vitest" });
    await updateUsager(agent, id, {
      nom: "Rectifié",
      prenom: "Paul",
      dateNaissance: "1950-04-02",
      telephone: null,
      email: "paul@exemple.fr",
      commune: "Sarreguemines",
    });
    const [row] = await db().select().from(usagers).where(eq(usagers.id, id));
    expect(row.nom).toBe("Rectifié");
    expect(row.dateNaissance).toBe("1950-04-02");
    const actions = (
      await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id))
    ).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["usager.created", "usager.viewed", "usager.updated"]));
  });

  it("stores partner identifiers encrypted, for an open démarche only, masked until revealed, each reveal journaled", async () => {
    const id = await newUsager(agent, { nom: "Chiffre", prenom: "Anne" });
    const demarcheId = await newDemarche(agent, id);
    const nir = "269054958815780";
    expect(identifiantSchema.safeParse({ type: "nir", valeur: "269054958815781", demarcheId }).success).toBe(false);
    const input = identifiantSchema.parse({ type: "nir", valeur: "2 69 05 49 588 157 80", demarcheId });
    const identifiantId = await addIdentifiant(agent, id, input);
    const stored = await queryRows<{ chiffre: string }>(
      db(),
      sql`select chiffre from usager_identifiants where id = ${identifiantId}`,
    );
    expect(stored[0].chiffre).not.toContain(nir);
    expect(stored[0].chiffre.startsWith("v1:k1:")).toBe(true);
    const file = await getUsagerFile(agent, id);
    expect(file.identifiants[0].masked).toBe("•••••••••••••80");
    expect(JSON.stringify(file)).not.toContain(nir);
    expect((await revealIdentifiant(agent, id, identifiantId)).valeur).toBe(nir);
    const reveals = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "usager.identifier_revealed"), eq(auditLog.targetId, identifiantId)));
    expect(reveals).toHaveLength(1);
    expect(await codeOf(revealIdentifiant(other, id, identifiantId))).toBe("auth.forbidden");
    const unrelated = await newUsager(agent, { nom: "Autre", prenom: "Fiche" });
    expect(await codeOf(addIdentifiant(agent, unrelated, input))).toBe("usager.identifier_demarche_required");
  });

  it("merges a duplicate: démarches, mandates and missing fields move over, both ids journaled", async () => {
    const kept = await newUsager(agent, { nom: "Doublon", prenom: "Jean" });
    const duplicate = await newUsager(agent, { nom: "Doublon", prenom: "Jean", telephone: "0611223344" });
    const demarcheId = await newDemarche(agent, duplicate);
    const mandatId = await newMandat(agent, duplicate, [demarcheId]);
    expect((await getUsagerFile(agent, kept)).duplicates.map((row) => row.id)).toEqual([duplicate]);
    expect(await codeOf(mergeUsagers(agent, kept, kept))).toBe("usager.merge_same");
    await mergeUsagers(agent, kept, duplicate);
    expect(await db().select().from(usagers).where(eq(usagers.id, duplicate))).toEqual([]);
    const [moved] = await db().select().from(demarches).where(eq(demarches.id, demarcheId));
    expect(moved.usagerId).toBe(kept);
    const [mandat] = await db().select().from(mandats).where(eq(mandats.id, mandatId));
    expect(mandat.usagerId).toBe(kept);
    const [row] = await db().select().from(usagers).where(eq(usagers.id, kept));
    expect(row.telephone).toBe("0611223344");
    const merged = await db()
      .select({ targetId: auditLog.targetId })
      .from(auditLog)
      .where(eq(auditLog.action, "usager.merged"));
    expect(merged.map((entry) => entry.targetId)).toEqual(expect.arrayContaining([kept, duplicate]));
  });

  it("erases a file on request, unless a mandate runs; the démarches stay as anonymous statistics", async () => {
    const id = await newUsager(agent, { nom: "Effacement", prenom: "Rose" });
    const demarcheId = await newDemarche(agent, id, { notes: "Rappeler jeudi" });
    const mandatId = await newMandat(agent, id, [demarcheId]);
    await recordSignature(agent, mandatId, parisDay());
    expect(await codeOf(eraseUsager(agent, id))).toBe("usager.erasure_blocked");
    await revokeMandat(agent, mandatId, { revokedOn: parisDay(), motif: "Demande de l’usagère", demarcheId: null });
    await eraseUsager(agent, id);
    expect(await db().select().from(usagers).where(eq(usagers.id, id))).toEqual([]);
    const [stat] = await db().select().from(demarches).where(eq(demarches.id, demarcheId));
    expect(stat).toMatchObject({ usagerId: null, titre: null, notes: null, statut: "abandonnee", partnerKey: "caf" });
    expect(stat.destroyedAt).toBeInstanceOf(Date);
    // The revoked mandate is kept for proof with its own minimal copy.
    const [mandat] = await db().select().from(mandats).where(eq(mandats.id, mandatId));
    expect(mandat).toMatchObject({ usagerId: null, mandantNom: "Effacement", mandantPrenom: "Rose" });
  });
});

describe("right of access: the export", () => {
  it("contains everything held on one usager, in JSON and PDF, and is journaled", async () => {
    const id = await newUsager(agent, {
      nom: "Exportée",
      prenom: "Yvette",
      dateNaissance: "1948-11-23",
      telephone: "06 98 76 54 32",
      email: "yvette@exemple.fr",
      commune: "Sarreguemines",
    });
    const demarcheId = await newDemarche(agent, id, {
      notes: "Dossier à compléter",
      prochaineEtape: "Apporter l’avis d’imposition",
      prochaineEtapeLe: "2030-01-15",
      pieces: "Avis d’imposition\nRIB",
    });
    const identifiantId = await addIdentifiant(
      agent,
      id,
      identifiantSchema.parse({ type: "caf_allocataire", valeur: "1234567", demarcheId }),
    );
    const mandatId = await newMandat(agent, id, [demarcheId], { identifiantsConnexion: true });
    const data = await exportUsager(agent, id);
    const json = JSON.stringify(data);
    // Every value stored about this usager, in every table, is in the export.
    const tables: Array<[string, string]> = [
      ["usagers", `id = '${id}'`],
      ["demarches", `usager_id = '${id}'`],
      ["demarche_pieces", `demarche_id = '${demarcheId}'`],
      ["mandats", `id = '${mandatId}'`],
      ["mandat_demarches", `mandat_id = '${mandatId}'`],
    ];
    const skip = new Set([
      "nom_recherche",
      "structure_id",
      "agent_id",
      "created_by",
      "demarche_id",
      "mandat_id",
      "verification_code",
      "position",
      "usager_id",
    ]);
    for (const [table, where] of tables) {
      const rows = await queryRows<Record<string, unknown>>(db(), sql.raw(`select * from ${table} where ${where}`));
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (
            value === null ||
            typeof value === "boolean" ||
            skip.has(column) ||
            value instanceof Date ||
            /_at$/.test(column)
          )
            continue;
          expect(json, `${table}.${column}`).toContain(String(value));
        }
      }
    }
    expect(json).toContain("1234567");
    expect(data.identifiants[0].id).toBe(identifiantId);
    expect(data.mandats[0].identifiantsConnexion).toBe(true);
    expect(data.journal.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["usager.created", "demarche.created", "mandat.created"]),
    );
    const pdf = await exportUsagerPdf(agent, id);
    const text = await pdfText(pdf);
    for (const expected of [
      "Exportée",
      "Yvette",
      "06 98 76 54 32",
      "1234567",
      "Avis d’imposition",
      "Dossier à compléter",
    ])
      expect(text).toContain(expected);
    const exports = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "usager.exported"), eq(auditLog.targetId, id)));
    expect(exports).toHaveLength(2);
  });
});

describe("without an encryption key (outside demo mode)", () => {
  it("still creates files, but refuses to store an identifier with a clear error", async () => {
    const key = useTestEncryptionKey();
    setConfig({ ENCRYPTION_KEYS: undefined, DEMO_MODE: false });
    try {
      const id = await createUsager(
        agent,
        createUsagerSchema.parse({ nom: "Sans", prenom: "Cle", noticeRemise: true }),
      );
      const demarcheId = await newDemarche(agent, id);
      expect(
        await codeOf(
          addIdentifiant(
            agent,
            id,
            identifiantSchema.parse({ type: "caf_allocataire", valeur: "7654321", demarcheId }),
          ),
        ),
      ).toBe("encryption.unavailable");
      expect(await db().select().from(usagerIdentifiants).where(eq(usagerIdentifiants.usagerId, id))).toEqual([]);
    } finally {
      setConfig({ ENCRYPTION_KEYS: key });
    }
  });
});
