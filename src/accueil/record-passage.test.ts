import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../db/client.server";
import { expectDbRefusal } from "../test/db-refusal";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { passageSchema } from "./accueil.schema";
import { recordPassage } from "./record-passage.server";

const demande = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["demarche_en_ligne"],
  autonomie: "partiellement",
  issue: "resolu_sur_place",
};

async function agent() {
  const structureId = await createTestStructure();
  const { userId } = await createTestUser([{ role: "agent", structureId }]);
  return { structureId, actor: await testActor(userId) };
}

describe("recording a passage", () => {
  it("stores the passage, its sollicitations and their partners, situations and kinds of help", async () => {
    const { actor, structureId } = await agent();
    const input = passageSchema.parse({
      canal: "accueil_physique",
      equipements: ["imprimante"],
      sollicitations: [
        demande,
        { ...demande, partenaires: ["france_titres"], situations: ["papiers_identite"], signalements: ["non_recours"] },
      ],
    });
    const recorded = await recordPassage(actor, input);
    expect(recorded.structureId).toBe(structureId);
    expect(recorded.sollicitations).toHaveLength(2);
    const rows = (await db().execute(sql`
      select s.position, s.non_recours, array_agg(distinct sp.partner_key) as partners, array_agg(distinct ss.situation_key) as situations
      from sollicitations s join sollicitation_partenaires sp on sp.sollicitation_id = s.id join sollicitation_situations ss on ss.sollicitation_id = s.id
      where s.passage_id = ${recorded.id} group by s.position, s.non_recours order by s.position`)) as unknown as {
      rows: unknown[];
    };
    expect(rows.rows).toEqual([
      { position: 1, non_recours: false, partners: ["caf"], situations: ["allocation_logement"] },
      { position: 2, non_recours: true, partners: ["france_titres"], situations: ["papiers_identite"] },
    ]);
  });

  it("returns the first result for a replayed idempotency key, even concurrently", async () => {
    const { actor } = await agent();
    const input = passageSchema.parse({ sollicitations: [demande] });
    const [first, second] = await Promise.all([
      recordPassage(actor, input, { idempotencyKey: "cle-1" }),
      recordPassage(actor, input, { idempotencyKey: "cle-1" }),
    ]);
    expect(second.id).toBe(first.id);
    const third = await recordPassage(actor, input, { idempotencyKey: "cle-1" });
    expect(third).toMatchObject({ id: first.id, replay: true });
    const count = (await db().execute(
      sql`select count(*)::int as n from passages where agent_id = ${actor.userId}`,
    )) as unknown as { rows: Array<{ n: number }> };
    expect(count.rows[0].n).toBe(1);
  });

  it("records concurrent passages together, and one the database refuses loses none of the others", async () => {
    const { actor } = await agent();
    const good = passageSchema.parse({ canal: "accueil_physique", sollicitations: [demande] });
    // Equipment on the phone: the schema would refuse it; here it reaches the database, which does.
    const bad = {
      ...passageSchema.parse({ canal: "telephone", sollicitations: [demande] }),
      equipements: ["scanner"],
    } as typeof good;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 24 }, (_, index) => recordPassage(actor, index === 7 ? bad : good)),
    );
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toHaveLength(1);
    expect(outcomes[7].status).toBe("rejected");
    const stored = (await db().execute(
      sql`select count(distinct p.id)::int as passages, count(s.id)::int as sollicitations from passages p join sollicitations s on s.passage_id = p.id where p.agent_id = ${actor.userId}`,
    )) as unknown as { rows: Array<{ passages: number; sollicitations: number }> };
    expect(stored.rows[0]).toEqual({ passages: 23, sollicitations: 23 });
    const ids = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value.id] : []));
    expect(new Set(ids).size).toBe(23);
  });

  it("refuses a structure the agent does not work in", async () => {
    const { actor } = await agent();
    const other = await createTestStructure();
    await expect(
      recordPassage(actor, passageSchema.parse({ structureId: other, sollicitations: [demande] })),
    ).rejects.toMatchObject({ code: "accueil.structure_forbidden" });
  });
});

describe("the database refuses impossible combinations by itself", () => {
  async function passageRow() {
    const { actor, structureId } = await agent();
    return { structureId, agentId: actor.userId };
  }
  const attempt =
    (statements: (ids: { structureId: string; agentId: string }) => ReturnType<typeof sql>) => async () => {
      const ids = await passageRow();
      await db().transaction(async (tx) => {
        await tx.execute(statements(ids));
      });
    };

  it("a passage without sollicitation", async () => {
    await expectDbRefusal(
      attempt(
        (ids) =>
          sql`insert into passages (structure_id, agent_id, started_at, canal) values (${ids.structureId}, ${ids.agentId}, now(), 'telephone')`,
      )(),
      { code: "23514", message: /sans sollicitation/ },
    );
  });

  it("equipment used on the phone, an appointment by letter, an unknown channel", async () => {
    const base = await passageRow();
    for (const [values, constraint] of [
      [sql`'telephone', true, false`, "passages_equipement_presentiel_check"],
      [sql`'courrier', false, true`, "passages_rdv_canal_check"],
      [sql`'pigeon', false, false`, "passages_canal_check"],
    ] as const) {
      await expectDbRefusal(
        db().execute(
          sql`insert into passages (structure_id, agent_id, started_at, canal, equip_scanner, avec_rdv) values (${base.structureId}, ${base.agentId}, now(), ${values})`,
        ),
        { code: "23514", constraint },
      );
    }
  });

  it("a sollicitation without kind of help, or with a situation none of its partners deals with", async () => {
    for (const [situation, aide, problem] of [
      ["allocation_logement", null, /sans type d'aide/],
      ["declarer_impots", "information", /situation hors des partenaires/],
    ] as const) {
      const ids = await passageRow();
      const run = db().transaction(async (tx) => {
        const [passage] = (
          (await tx.execute(
            sql`insert into passages (structure_id, agent_id, started_at, canal) values (${ids.structureId}, ${ids.agentId}, now(), 'accueil_physique') returning id`,
          )) as unknown as { rows: Array<{ id: string }> }
        ).rows;
        const [sollicitation] = (
          (await tx.execute(
            sql`insert into sollicitations (passage_id, position, autonomie, issue) values (${passage.id}, 1, 'autonome', 'resolu_sur_place') returning id`,
          )) as unknown as { rows: Array<{ id: string }> }
        ).rows;
        await tx.execute(
          sql`insert into sollicitation_partenaires (sollicitation_id, partner_key) values (${sollicitation.id}, 'caf')`,
        );
        await tx.execute(
          sql`insert into sollicitation_situations (sollicitation_id, situation_key) values (${sollicitation.id}, ${situation})`,
        );
        if (aide)
          await tx.execute(
            sql`insert into sollicitation_aides (sollicitation_id, aide_key) values (${sollicitation.id}, ${aide})`,
          );
      });
      await expectDbRefusal(run, { code: "23514", message: problem });
    }
  });

  it("a child row changed alone later: the last kind of help removed, a situation of another partner added", async () => {
    const { actor } = await agent();
    const recorded = await recordPassage(actor, passageSchema.parse({ canal: "telephone", sollicitations: [demande] }));
    const [id] = recorded.sollicitations;
    await expectDbRefusal(db().execute(sql`delete from sollicitation_aides where sollicitation_id = ${id}`), {
      code: "23514",
      message: /sans type d'aide/,
    });
    await expectDbRefusal(
      db().execute(
        sql`insert into sollicitation_situations (sollicitation_id, situation_key) values (${id}, 'declarer_impots')`,
      ),
      { code: "23514", message: /situation hors des partenaires/ },
    );
    await expect(
      db().execute(
        sql`insert into sollicitation_situations (sollicitation_id, situation_key) values (${id}, 'difficultes_financieres')`,
      ),
    ).resolves.toBeDefined();
  });

  it("a child row changed in the same transaction as its sollicitation is checked with it, at commit", async () => {
    const { actor } = await agent();
    const recorded = await recordPassage(actor, passageSchema.parse({ canal: "telephone", sollicitations: [demande] }));
    const [id] = recorded.sollicitations;
    const run = db().transaction(async (tx) => {
      await tx.execute(sql`update sollicitations set autonomie = 'autonome' where id = ${id}`);
      await tx.execute(sql`delete from sollicitation_aides where sollicitation_id = ${id}`);
    });
    await expectDbRefusal(run, { code: "23514", message: /sans type d'aide/ });
    const aides = (await db().execute(
      sql`select count(*)::int as n from sollicitation_aides where sollicitation_id = ${id}`,
    )) as unknown as { rows: Array<{ n: number }> };
    expect(aides.rows[0].n).toBe(1);
  });

  it("a 'hors partenaires' demand sent to a partner", async () => {
    const ids = await passageRow();
    await expectDbRefusal(
      db().execute(sql`with p as (insert into passages (structure_id, agent_id, started_at, canal) values (${ids.structureId}, ${ids.agentId}, now(), 'telephone') returning id)
        insert into sollicitations (passage_id, position, autonomie, issue, hors_partenaires) select id, 1, 'autonome', 'rdv_partenaire', true from p`),
      { code: "23514", constraint: "sollicitations_hors_partenaires_issue_check" },
    );
  });
});
