import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../acces/actor.server";
import { parisInstant } from "../platform/time";
import { createSaisine } from "../saisines/create-saisine.server";
import { postMessage } from "../saisines/post-message.server";
import { createSaisineSchema, postMessageSchema } from "../saisines/saisines.schema";
import { newGroup, newReferent } from "../test/saisine-fixtures";
import { structureWithAgent, useTestEncryptionKey } from "../test/usager-fixtures";
import { percentile, saisineStats } from "./saisine-stats.server";

let agent: Actor;
let structureId: string;
let caf: string;
let referent: Awaited<ReturnType<typeof newReferent>>;
const input = createSaisineSchema.parse({
  partnerKey: "caf",
  objet: "Versement bloqué",
  description: "Dossier bloqué.",
  urgence: "standard",
});

beforeAll(async () => {
  useTestEncryptionKey();
  ({ agent, structureId } = await structureWithAgent());
  caf = await newGroup("57", "caf");
  referent = await newReferent(caf, "caf", "57");
});
afterEach(() => vi.useRealTimers());

describe("saisine statistics", () => {
  it("percentile is the nearest rank", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it("counts, times in working hours, late share, usefulness and re-routes per partner and group", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const msa = await newGroup("57", "msa");
    vi.setSystemTime(parisInstant("2026-10-02", 16 * 60)); // Friday 16:00
    const fast = await createSaisine(agent, input);
    vi.setSystemTime(parisInstant("2026-10-05", 10 * 60)); // Monday 10:00: 2 working hours later
    await postMessage(referent.actor, fast, postMessageSchema.parse({ type: "resolution_proposee", body: "Réglé." }));
    vi.setSystemTime(parisInstant("2026-10-05", 12 * 60));
    await postMessage(agent, fast, postMessageSchema.parse({ type: "cloture", usefulness: "utile" }));
    const slow = await createSaisine(agent, input); // Monday 12:00, first answer due Thursday 12:00
    vi.setSystemTime(parisInstant("2026-10-09", 12 * 60));
    await postMessage(
      referent.actor,
      slow,
      postMessageSchema.parse({ type: "mauvais_interlocuteur", body: "MSA.", targetGroupId: msa }),
    );
    vi.setSystemTime(parisInstant("2026-10-20", 12 * 60));
    const stats = await saisineStats({ kind: "structure", structureId }, { from: "2026-10-01", to: "2026-10-31" });
    expect(stats.total).toMatchObject({
      nombre: 2,
      premiereReponseMediane: 2,
      resolutionMediane: 4,
      partEnRetard: 0.5,
      reorientations: 1,
      utilite: { utile: 1, ne_sait_pas: 0, pas_utile: 0 },
    });
    expect(stats.parPartenaire.map((row) => [row.libelle, row.nombre])).toEqual([["CAF", 2]]);
    expect(stats.parGroupe.map((row) => row.cle).sort()).toEqual([caf, msa].sort());
    expect(stats.parDepartement).toBeNull();
    const outside = await saisineStats(
      { kind: "departement", departement: "92" },
      { from: "2026-10-01", to: "2026-10-31" },
    );
    expect(outside.total.nombre).toBe(0);
  });
});
