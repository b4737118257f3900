import { describe, expect, it } from "vitest";
import type { Queryable } from "../db/client.server";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { passageSchema } from "./accueil.schema";
import { deletePassage } from "./delete-passage.server";
import { NATIONAL_QUICK_PICKS, quickPicks } from "./quick-picks.server";
import { recordPassage } from "./record-passage.server";

const DAY = 86_400_000;

async function agentOf(structureId: string) {
  const { userId } = await createTestUser([{ role: "agent", structureId }]);
  return testActor(userId);
}

type Demande = { partenaires: string[]; situations: string[]; aides: string[] };

async function record(actor: Awaited<ReturnType<typeof agentOf>>, demandes: Demande[], daysAgo = 1) {
  const input = passageSchema.parse({
    debut: new Date(Date.now() - daysAgo * DAY),
    sollicitations: demandes.map((demande) => ({ ...demande, autonomie: "autonome", issue: "resolu_sur_place" })),
  });
  return recordPassage(actor, input);
}

const caf = (aide: string): Demande => ({ partenaires: ["caf"], situations: ["allocation_logement"], aides: [aide] });

describe("quick picks", () => {
  it("are the eight national defaults, in their order, for a structure without records", async () => {
    const structureId = await createTestStructure();
    const actor = await agentOf(structureId);
    const picks = await quickPicks(actor, structureId);
    expect(picks.map(({ partenaire, situation, aide }) => ({ partenaire, situation, aide }))).toEqual(
      NATIONAL_QUICK_PICKS,
    );
    expect(picks.every((pick) => pick.source === "national")).toBe(true);
    expect(picks[0].label).toBe("France Titres – J’établis mes papiers d’identité");
    expect(picks[1].label).toBe("CAF – Je cherche une allocation logement");
  });

  it("put the structure's most frequent pairs of the last 90 days first, with their usual kind of help, then complete with the defaults", async () => {
    const structureId = await createTestStructure();
    const actor = await agentOf(structureId);
    const colleague = await agentOf(structureId);
    // CAF / allocation logement: 3 demands, help "démarche en ligne" twice, by two agents.
    await record(actor, [caf("demarche_en_ligne"), caf("information")]);
    await record(colleague, [caf("demarche_en_ligne")], 10);
    // Justice / litige: 2 demands. A sollicitation naming CAF and DGFiP for "impôts" counts for DGFiP only.
    await record(actor, [{ partenaires: ["justice"], situations: ["litige_conflit"], aides: ["mise_en_relation"] }]);
    await record(
      actor,
      [{ partenaires: ["justice"], situations: ["litige_conflit"], aides: ["mise_en_relation", "information"] }],
      89,
    );
    await record(actor, [{ partenaires: ["caf", "dgfip"], situations: ["declarer_impots"], aides: ["information"] }]);
    // Not counted: older than 90 days, deleted, another structure.
    for (let i = 0; i < 4; i++)
      await record(actor, [{ partenaires: ["msa"], situations: ["affilie_msa"], aides: ["information"] }], 91);
    const deleted = await record(actor, [
      { partenaires: ["urssaf"], situations: ["rembourser_soins"], aides: ["information"] },
      { partenaires: ["urssaf"], situations: ["rembourser_soins"], aides: ["information"] },
    ]);
    await deletePassage(actor, deleted.id, "Saisie en double");
    const elsewhere = await createTestStructure();
    const stranger = await agentOf(elsewhere);
    for (let i = 0; i < 4; i++)
      await record(stranger, [{ partenaires: ["anah"], situations: ["energie"], aides: ["information"] }]);

    const picks = await quickPicks(actor, structureId);
    expect(picks.map((pick) => [pick.partenaire, pick.situation, pick.aide, pick.source])).toEqual([
      ["caf", "allocation_logement", "demarche_en_ligne", "structure"],
      ["justice", "litige_conflit", "mise_en_relation", "structure"],
      ["dgfip", "declarer_impots", "information", "structure"],
      ["france_titres", "papiers_identite", "demarche_en_ligne", "national"],
      ["assurance_maladie", "rembourser_soins", "information", "national"],
      ["assurance_retraite", "preparer_retraite", "dossier_administratif", "national"],
      ["france_travail", "chercher_emploi", "demarche_en_ligne", "national"],
      ["msa", "affilie_msa", "information", "national"],
    ]);
    expect(picks[1].label).toBe("Justice – Je fais face à un litige ou un conflit");
  });

  it("keep only the eight most frequent when the structure has more", async () => {
    const structureId = await createTestStructure();
    const actor = await agentOf(structureId);
    const pairs: Array<[string, string]> = [
      ["anah", "energie"],
      ["cheque_energie", "energie"],
      ["urssaf", "rembourser_soins"],
      ["justice", "victime_infraction"],
      ["justice", "litige_conflit"],
      ["france_titres", "deplacement"],
      ["caf", "naissance"],
      ["msa", "naissance"],
      ["assurance_maladie", "perte_proche"],
    ];
    // One demand whose partners and situations make 14 bouquet pairs, and a second one for "anah / energie" only.
    await record(actor, [
      {
        partenaires: [...new Set(pairs.map(([partner]) => partner))],
        situations: [...new Set(pairs.map(([, situation]) => situation))],
        aides: ["information"],
      },
      { partenaires: ["anah"], situations: ["energie"], aides: ["outils_numeriques"] },
    ]);
    const picks = await quickPicks(actor, structureId);
    expect(picks).toHaveLength(8);
    expect(picks.every((pick) => pick.source === "structure")).toBe(true);
    // Most frequent first (with the kind of help of its two demands' first in key order), then ties by partner and situation key.
    expect(picks.map((pick) => `${pick.partenaire}/${pick.situation}/${pick.aide}`)).toEqual([
      "anah/energie/information",
      "assurance_maladie/naissance/information",
      "assurance_maladie/perte_proche/information",
      "assurance_maladie/rembourser_soins/information",
      "caf/naissance/information",
      "caf/perte_proche/information",
      "cheque_energie/energie/information",
      "france_titres/deplacement/information",
    ]);
  });

  it("are read once per structure, then follow each recording: a new pair shows at the next view without reading the records again", async () => {
    const structureId = await createTestStructure();
    const actor = await agentOf(structureId);
    await record(actor, [caf("information")]);
    const first = await quickPicks(actor, structureId);
    expect(first[0]).toMatchObject({ partenaire: "caf", situation: "allocation_logement", source: "structure" });

    const dgfip = { partenaires: ["dgfip"], situations: ["declarer_impots"], aides: ["demarche_en_ligne"] };
    const recorded = await record(actor, [dgfip, dgfip], 0);
    // The next views answer from the counts kept in memory: a database read would throw here.
    const noDatabase = new Proxy({} as Queryable, {
      get() {
        throw new Error("the quick picks read the database");
      },
    });
    const second = await quickPicks(actor, structureId, {}, noDatabase);
    expect(second.slice(0, 2).map((pick) => [pick.partenaire, pick.situation, pick.aide, pick.source])).toEqual([
      ["dgfip", "declarer_impots", "demarche_en_ligne", "structure"],
      ["caf", "allocation_logement", "information", "structure"],
    ]);

    // A deletion drops the counts: they are read again, without the deleted demands.
    await deletePassage(actor, recorded.id, "Saisie en double");
    await expect(quickPicks(actor, structureId, {}, noDatabase)).rejects.toThrow("the quick picks read the database");
    const third = await quickPicks(actor, structureId);
    expect(third.filter((pick) => pick.source === "structure").map((pick) => pick.partenaire)).toEqual(["caf"]);
  });
});
