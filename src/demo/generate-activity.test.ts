import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "../db/client.server";
import { parisClock, parisDay, shiftDay } from "../platform/time";
import { situationPartnersOf } from "../referentiel/bouquet";
import { createTestStructure, createTestUser } from "../test/factories";
import { generateActivity, PARTNER_SHARES } from "./generate-activity.server";

/** A fixed instant for the whole file: both generations of the same seed must see the same days. */
const NOW = new Date();
const DAYS = 60;

type Row = {
  id: string;
  agent_id: string;
  started_ms: number;
  started_at: Date;
  canal: string;
  sollicitations: number;
};
type Demand = {
  passage_id: string;
  issue: string;
  hors_partenaires: boolean;
  partners: string[];
  situations: string[];
  aides: number;
};

async function activityOf(structureId: string) {
  const rows = await queryRows<Row>(
    db(),
    sql`select p.id, p.agent_id, (extract(epoch from p.started_at) * 1000)::float8 as started_ms, p.canal, (select count(*)::int from sollicitations s where s.passage_id = p.id) as sollicitations
      from passages p where p.structure_id = ${structureId} order by p.started_at, p.id`,
  );
  const passages = rows.map((row) => ({ ...row, started_at: new Date(row.started_ms) }));
  const demands = await queryRows<Demand>(
    db(),
    sql`select s.passage_id, s.issue, s.hors_partenaires,
        coalesce((select array_agg(sp.partner_key) from sollicitation_partenaires sp where sp.sollicitation_id = s.id), '{}') as partners,
        coalesce((select array_agg(ss.situation_key) from sollicitation_situations ss where ss.sollicitation_id = s.id), '{}') as situations,
        (select count(*)::int from sollicitation_aides sa where sa.sollicitation_id = s.id) as aides
      from sollicitations s join passages p on p.id = s.passage_id where p.structure_id = ${structureId} order by p.started_at, p.id, s.position`,
  );
  return { passages, demands };
}

let structureId: string;
let agents: string[];
let result: Awaited<ReturnType<typeof generateActivity>>;

beforeAll(async () => {
  structureId = await createTestStructure();
  agents = [
    (await createTestUser([{ role: "agent", structureId }])).userId,
    (await createTestUser([{ role: "agent", structureId }])).userId,
  ];
  await createTestUser([{ role: "responsable", structureId }]);
  result = await generateActivity({ structureId, days: DAYS, seed: "essai", now: NOW });
});

describe("generating demo activity", () => {
  it("fills about 300 demands a month, on weekdays and opening hours, by the structure's agents", async () => {
    const { passages, demands } = await activityOf(structureId);
    expect(result).toMatchObject({
      passages: passages.length,
      sollicitations: demands.length,
      firstDay: shiftDay(parisDay(NOW), 1 - DAYS),
      lastDay: parisDay(NOW),
      seed: "essai",
    });
    // About 300 a month.
    expect(demands.length).toBeGreaterThan(450);
    expect(demands.length).toBeLessThan(750);
    for (const passage of passages) {
      const weekday = new Date(`${parisDay(passage.started_at)}T12:00:00Z`).getUTCDay();
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
      const clock = parisClock(passage.started_at);
      expect((clock >= "08:30" && clock < "12:00") || (clock >= "13:30" && clock < "17:00"), clock).toBe(true);
      expect(passage.started_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(agents).toContain(passage.agent_id);
      expect(passage.sollicitations).toBeGreaterThanOrEqual(1);
      expect(passage.sollicitations).toBeLessThanOrEqual(3);
    }
    expect(new Set(passages.map((passage) => passage.agent_id)).size).toBe(2);
  });

  it("follows the 2023 partner shares, the channel mix and 82 % resolved on site", async () => {
    const { passages, demands } = await activityOf(structureId);
    const share = (predicate: (demand: Demand) => boolean) => (100 * demands.filter(predicate).length) / demands.length;
    for (const partner of ["france_titres", "caf", "assurance_maladie", "dgfip", "assurance_retraite"]) {
      expect(Math.abs(share((d) => d.partners.includes(partner)) - PARTNER_SHARES[partner]), partner).toBeLessThan(6);
    }
    const bigFive = ["france_titres", "caf", "assurance_maladie", "dgfip", "assurance_retraite"];
    expect(Math.abs(share((d) => !d.partners.some((p) => bigFive.includes(p))) - 20)).toBeLessThan(7);
    expect(share((d) => d.hors_partenaires)).toBeGreaterThan(0);
    expect(Math.abs(share((d) => d.issue === "resolu_sur_place") - 82)).toBeLessThan(6);
    const channels = new Map<string, number>();
    for (const passage of passages) channels.set(passage.canal, (channels.get(passage.canal) ?? 0) + 1);
    const ranked = [...channels.entries()].sort((a, b) => b[1] - a[1]).map(([canal]) => canal);
    expect(ranked.slice(0, 2)).toEqual(["accueil_physique", "telephone"]);
  });

  it("stores only demands that obey the rules: help given, situations of their partners", async () => {
    const { demands } = await activityOf(structureId);
    for (const demand of demands) {
      expect(demand.aides).toBeGreaterThanOrEqual(1);
      if (demand.hors_partenaires) {
        expect(demand.partners).toEqual([]);
        expect(["oriente_partenaire", "rdv_partenaire", "a_escalader"]).not.toContain(demand.issue);
      } else {
        expect(demand.partners).toHaveLength(1);
        expect(demand.situations).toHaveLength(1);
        expect(situationPartnersOf(demand.situations[0])).toContain(demand.partners[0]);
      }
    }
  });

  it("gives the same activity for the same seed", async () => {
    const twins: string[] = [];
    for (let index = 0; index < 2; index++) {
      const twin = await createTestStructure();
      await createTestUser([{ role: "agent", structureId: twin }]);
      await createTestUser([{ role: "agent", structureId: twin }]);
      await generateActivity({ structureId: twin, days: 10, seed: "jumeaux", now: NOW });
      twins.push(twin);
    }
    const summary = async (id: string) => {
      const { passages, demands } = await activityOf(id);
      return {
        starts: passages.map((p) => [p.started_at.toISOString(), p.canal]),
        demands: demands.map((d) => [d.partners, d.situations, d.issue]),
      };
    };
    const first = await summary(twins[0]);
    expect(first.starts.length).toBeGreaterThan(0);
    expect(await summary(twins[1])).toEqual(first);
  });

  it("refuses a structure without agent, or unknown", async () => {
    const empty = await createTestStructure();
    await createTestUser([{ role: "responsable", structureId: empty }]);
    await expect(generateActivity({ structureId: empty, days: 5 })).rejects.toMatchObject({ code: "demo.no_agent" });
    await expect(
      generateActivity({ structureId: "3f1e2d4c-5b6a-4789-8abc-def012345678", days: 5 }),
    ).rejects.toMatchObject({ code: "structure.not_found" });
  });
});
