import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passageSchema } from "../accueil/accueil.schema";
import { recordPassage } from "../accueil/record-passage.server";
import { db, queryRows } from "../db/client.server";
import { parisDay } from "../platform/time";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { foldRollups, verifyRollups } from "./rollups.server";

const today = parisDay();
const period = { from: today, to: today };

describe("rollups", () => {
  it("are exact before and after folding, and verification catches a tampered rollup", async () => {
    const structureId = await createTestStructure();
    const { userId } = await createTestUser([{ role: "agent", structureId }]);
    const actor = await testActor(userId);
    await recordPassage(
      actor,
      passageSchema.parse({
        dureeMinutes: 20,
        equipements: ["scanner"],
        sollicitations: [
          {
            partenaires: ["caf"],
            situations: ["allocation_logement"],
            aides: ["demarche_en_ligne", "information"],
            autonomie: "partiellement",
            issue: "resolu_sur_place",
            signalements: ["non_recours"],
          },
          {
            partenaires: ["caf", "assurance_maladie"],
            situations: ["naissance"],
            aides: ["information"],
            autonomie: "autonome",
            issue: "rdv_partenaire",
          },
        ],
      }),
    );
    await recordPassage(
      actor,
      passageSchema.parse({
        canal: "telephone",
        sollicitations: [
          { horsPartenaires: true, aides: ["information"], autonomie: "autonome", issue: "resolu_sur_place" },
        ],
      }),
    );

    expect(await verifyRollups(period)).toMatchObject({ ok: true });
    expect(await foldRollups()).toBeGreaterThan(0);
    expect(await verifyRollups(period)).toMatchObject({ ok: true, mismatches: [] });

    const rows = await queryRows<{ dimension: string; valeur: string; passages: number; sollicitations: number }>(
      db(),
      sql`select dimension, valeur, passages, sollicitations from stat_jour where structure_id = ${structureId} and dimension in ('total', 'partenaire', 'aide', 'domaine') order by dimension, valeur`,
    );
    expect(rows).toEqual([
      { dimension: "aide", valeur: "demarche_en_ligne", passages: 1, sollicitations: 1 },
      { dimension: "aide", valeur: "information", passages: 2, sollicitations: 3 },
      { dimension: "domaine", valeur: "etat_civil_famille", passages: 1, sollicitations: 1 },
      { dimension: "domaine", valeur: "logement_mobilite_courrier", passages: 1, sollicitations: 1 },
      { dimension: "partenaire", valeur: "assurance_maladie", passages: 1, sollicitations: 1 },
      { dimension: "partenaire", valeur: "caf", passages: 1, sollicitations: 2 },
      { dimension: "partenaire", valeur: "hors_partenaires", passages: 1, sollicitations: 1 },
      { dimension: "total", valeur: "", passages: 2, sollicitations: 3 },
    ]);

    await db().execute(
      sql`update stat_jour set sollicitations = sollicitations + 1 where structure_id = ${structureId} and dimension = 'canal' and valeur = 'telephone'`,
    );
    const tampered = await verifyRollups(period);
    expect(tampered.ok).toBe(false);
    expect(tampered.mismatches.map((mismatch) => mismatch.niveau)).toContain("jour");
  });
});
