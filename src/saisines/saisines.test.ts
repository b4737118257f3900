import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { auditLog, outbox, saisineIdentifications } from "../db/schema";
import { recordSignature } from "../mandats/record-signature.server";
import { isAppError } from "../platform/app-error";
import { parisDay, parisInstant } from "../platform/time";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { newGroup, newReferent } from "../test/saisine-fixtures";
import { newDemarche, newMandat, newUsager, structureWithAgent, useTestEncryptionKey } from "../test/usager-fixtures";
import { createSaisine } from "./create-saisine.server";
import { getSaisine } from "./get-saisine.server";
import { listDirectory } from "./list-directory.server";
import { listSaisines } from "./list-saisines.server";
import { postMessage } from "./post-message.server";
import { routeToGroup } from "./routing.server";
import { createSaisineSchema, postMessageSchema } from "./saisines.schema";

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return "ok";
}

const input = (values: Record<string, unknown> = {}) =>
  createSaisineSchema.parse({
    partnerKey: "caf",
    objet: "Blocage du versement",
    description: "Dossier bloqué depuis deux mois.",
    urgence: "standard",
    ...values,
  });
const message = (values: Record<string, unknown>) => postMessageSchema.parse(values);

let agent: Actor;
let structureId: string;
let cafWhole: string;
let cafSpecific: string;
let otherStructure: string;
let referent: Awaited<ReturnType<typeof newReferent>>;

beforeAll(async () => {
  useTestEncryptionKey();
  ({ agent, structureId } = await structureWithAgent());
  otherStructure = await createTestStructure({ departement: "57", communeInsee: "57463", codePostal: "57000" });
  cafWhole = await newGroup("57", "caf", { nom: "CAF 57 – partenariats France Services" });
  cafSpecific = await newGroup("57", "caf", { structureIds: [otherStructure], nom: "CAF 57 – antenne de Metz" });
  referent = await newReferent(cafWhole, "caf", "57");
});

afterEach(() => vi.useRealTimers());

describe("routing", () => {
  it("goes to the group listing the structure, else to the group covering the whole département, else nowhere", async () => {
    expect((await routeToGroup("caf", otherStructure))?.id).toBe(cafSpecific);
    expect((await routeToGroup("caf", structureId))?.id).toBe(cafWhole);
    expect(await routeToGroup("dgfip", structureId)).toBeNull();
    const paris = await createTestStructure({ departement: "75", communeInsee: "75056", codePostal: "75001" });
    expect(await routeToGroup("caf", paris)).toBeNull();
    expect(await codeOf(createSaisine(agent, input({ partnerKey: "dgfip" })))).toBe("saisine.no_referent_group");
  });
});

describe("creating a saisine", () => {
  it("routes it, fixes its deadlines in working days of the département, and mails a link without personal data", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(parisInstant("2025-12-24", 15 * 60)); // Wednesday; 25 and 26 December are holidays in Moselle
    const id = await createSaisine(agent, input({ objet: "Versement bloqué de Mme Zazie Quenouille" }));
    const view = await getSaisine(agent, id);
    expect(view.row.groupId).toBe(cafWhole);
    expect(view.row.firstAnswerDueAt).toEqual(parisInstant("2025-12-31", 15 * 60));
    expect(view.state.status).toBe("nouvelle");
    const mails = await db().select().from(outbox).where(eq(outbox.to, referent.email));
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.text).toContain(`/saisines/${id}`);
      expect(mail.text + mail.subject).not.toContain("Quenouille");
    }
  });

  it("refuses a saisine about a named usager without an active mandate, and accepts it with one", async () => {
    const usagerId = await newUsager(agent, { nom: "Mandante", prenom: "Odile" });
    const demarcheId = await newDemarche(agent, usagerId);
    expect(await codeOf(createSaisine(agent, input({ demarcheId })))).toBe("mandat.required");
    const mandatId = await newMandat(agent, usagerId, [demarcheId]);
    await recordSignature(agent, mandatId, parisDay());
    const id = await createSaisine(agent, input({ demarcheId, identification: { numero_allocataire: "1234567" } }));
    const view = await getSaisine(referent.actor, id);
    expect(view.row.usagerId).toBe(usagerId);
    expect(view.row.mandatId).toBe(mandatId);
    expect(view.identification).toEqual([{ key: "numero_allocataire", label: "Numéro allocataire", value: "1234567" }]);
    // The coordinateur follows the delays, without the identifiers.
    const coordinateur = await testActor((await createTestUser([{ role: "coordinateur", departement: "57" }])).userId);
    const followed = await getSaisine(coordinateur, id);
    expect(followed.side).toBeNull();
    expect(followed.identification).toEqual([]);
    const [sealed] = await db().select().from(saisineIdentifications).where(eq(saisineIdentifications.saisineId, id));
    expect(sealed.chiffre).not.toContain("1234567");
  });

  it("refuses an identifier without a démarche under mandate, and a démarche of another structure", async () => {
    expect(await codeOf(createSaisine(agent, input({ identification: { numero_allocataire: "1234567" } })))).toBe(
      "saisine.usager_demarche_required",
    );
    const other = await structureWithAgent();
    const foreign = await newDemarche(other.agent, await newUsager(other.agent));
    expect(await codeOf(createSaisine(agent, input({ demarcheId: foreign })))).toBe("saisine.source_not_found");
  });
});

describe("the thread", () => {
  it("takes, asks for more, gets the reply, proposes, closes with « utile », reopens; each side its own messages", async () => {
    const id = await createSaisine(agent, input());
    expect(await codeOf(postMessage(agent, id, message({ type: "prise_en_charge" })))).toBe(
      "saisine.message_not_allowed",
    );
    await postMessage(referent.actor, id, message({ type: "prise_en_charge" }));
    await postMessage(
      referent.actor,
      id,
      message({ type: "demande_complement", body: "Merci d’indiquer la date de la demande." }),
    );
    expect((await getSaisine(agent, id)).state.status).toBe("complement_demande");
    await postMessage(agent, id, message({ type: "reponse", body: "Demande déposée le 3 novembre." }));
    await postMessage(referent.actor, id, message({ type: "resolution_proposee", body: "Le versement est débloqué." }));
    expect(await codeOf(postMessage(referent.actor, id, message({ type: "cloture", usefulness: "utile" })))).toBe(
      "saisine.message_not_allowed",
    );
    await postMessage(agent, id, message({ type: "cloture", usefulness: "utile" }));
    let view = await getSaisine(agent, id);
    expect(view.state).toMatchObject({ status: "close", usefulness: "utile" });
    await postMessage(agent, id, message({ type: "question", body: "Le versement n’est pas arrivé." }));
    view = await getSaisine(agent, id);
    expect(view.state).toMatchObject({ status: "prise_en_charge", reopenings: 1 });
    const closed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "saisine.closed"), eq(auditLog.targetId, id)));
    expect(closed).toHaveLength(1);
  });

  it("« pas le bon interlocuteur » re-routes to another group of the département, whose members take over", async () => {
    const msa = await newGroup("57", "msa");
    const msaReferent = await newReferent(msa, "msa", "57");
    const id = await createSaisine(agent, input());
    expect(await codeOf(postMessage(msaReferent.actor, id, message({ type: "prise_en_charge" })))).toBe(
      "auth.forbidden",
    );
    const group92 = await newGroup("92", "msa");
    expect(
      await codeOf(
        postMessage(
          referent.actor,
          id,
          message({ type: "mauvais_interlocuteur", body: "Relève de la MSA.", targetGroupId: group92 }),
        ),
      ),
    ).toBe("saisine.reroute_target_invalid");
    await postMessage(
      referent.actor,
      id,
      message({ type: "mauvais_interlocuteur", body: "Relève de la MSA.", targetGroupId: msa }),
    );
    expect(await codeOf(postMessage(referent.actor, id, message({ type: "reponse", body: "…" })))).toBe(
      "saisine.message_not_allowed",
    );
    await postMessage(msaReferent.actor, id, message({ type: "prise_en_charge" }));
    const view = await getSaisine(agent, id);
    expect(view.state).toMatchObject({ groupId: msa, reroutes: 1, status: "prise_en_charge" });
    const mails = await db().select().from(outbox).where(eq(outbox.to, msaReferent.email));
    expect(mails.some((mail) => mail.text.includes(`/saisines/${id}`))).toBe(true);
  });
});

describe("who sees what", () => {
  it("a referent sees only the saisines of their groups; a referent of another partner or département sees none", async () => {
    const id = await createSaisine(agent, input());
    const mine = await listSaisines(referent.actor);
    expect(mine.map((s) => s.id)).toContain(id);
    expect(mine.every((s) => s.mine === "referent" || s.state.groupId !== cafWhole)).toBe(true);
    const dgfip57 = await newReferent(await newGroup("57", "dgfip"), "dgfip", "57");
    const caf92 = await newReferent(await newGroup("92", "caf"), "caf", "92");
    for (const outsider of [dgfip57, caf92]) {
      expect(await listSaisines(outsider.actor)).toEqual([]);
      expect(await codeOf(getSaisine(outsider.actor, id))).toBe("auth.forbidden");
    }
    // A referent role that is not a member of the group sees nothing either.
    const { userId } = await createTestUser([{ role: "referent", partnerKey: "caf", departement: "57" }]);
    expect(await listSaisines(await testActor(userId))).toEqual([]);
    // An agent of another structure finds nothing (404, as for every personal data).
    const other = await structureWithAgent();
    expect(await codeOf(getSaisine(other.agent, id))).toBe("saisine.not_found");
  });

  it("the agent's list shows « en retard » and « échéance < 24 h »", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(parisInstant("2026-11-16", 10 * 60)); // Monday
    const id = await createSaisine(agent, input());
    vi.setSystemTime(parisInstant("2026-11-18", 11 * 60)); // due Thursday 10:00
    expect((await listSaisines(agent)).find((s) => s.id === id)?.deadline).toMatchObject({
      late: false,
      dueSoon: true,
      kind: "premiere_reponse",
    });
    vi.setSystemTime(parisInstant("2026-11-19", 10 * 60 + 1));
    expect((await listSaisines(agent)).find((s) => s.id === id)?.deadline).toMatchObject({ late: true });
  });

  it("agents see the groups covering their structure in the directory; an agent elsewhere does not", async () => {
    const directory = await listDirectory(agent);
    expect(directory.map((g) => g.id)).toEqual(expect.arrayContaining([cafWhole]));
    expect(directory.map((g) => g.id)).not.toContain(cafSpecific);
    const paris = await createTestStructure({ departement: "75", communeInsee: "75056", codePostal: "75001" });
    const { userId } = await createTestUser([{ role: "agent", structureId: paris }]);
    expect(await listDirectory(await testActor(userId))).toEqual([]);
  });
});
