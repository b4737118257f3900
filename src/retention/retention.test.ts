import { desc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../acces/actor.server";
import { passageSchema } from "../accueil/accueil.schema";
import { recordPassage } from "../accueil/record-passage.server";
import { db, queryRows } from "../db/client.server";
import { auditLog, demarches, jobRuns, mandats, outbox, usagers } from "../db/schema";
import { rendezVousSchema } from "../demarches/demarches.schema";
import { getDemarche } from "../demarches/get-demarche.server";
import { linkPassage } from "../demarches/link-passage.server";
import { recordActionPourLeCompte } from "../demarches/record-action.server";
import { saveRendezVous } from "../demarches/save-rendez-vous.server";
import { updateSuivi } from "../demarches/update-suivi.server";
import { recordSignature } from "../mandats/record-signature.server";
import { verifyMandat } from "../mandats/verify-mandat.server";
import { config, setConfig } from "../platform/config.server";
import { runJob } from "../platform/jobs.server";
import { parisDay } from "../platform/time";
import { newDemarche, newMandat, newUsager, structureWithAgent, useTestEncryptionKey } from "../test/usager-fixtures";
import { addIdentifiant } from "../usagers/add-identifiant.server";
import { identifiantSchema } from "../usagers/usagers.schema";
import { retentionJob } from "./retention.job";
import { retentionCutoffs, shiftMonths } from "./retention.rules";

const DAY = 86_400_000;
const original = config();
let agent: Actor;

/** Every text-like column of every table of the database that holds `needle` (case-insensitive). */
async function tablesHolding(needle: string): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db(),
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const column of columns) {
    const [row] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from ${sql.identifier(column.table_name)} where ${sql.identifier(column.column_name)}::text ilike ${`%${needle}%`}`,
    );
    if (row.n > 0) found.push(`${column.table_name}.${column.column_name}`);
  }
  return found;
}

const SECRETS = {
  nom: "Zébulonovitch",
  prenom: "Philomène",
  telephone: "06 55 44 33 22",
  email: "philomene.zebulon@exemple.fr",
  commune: "Zorglubville",
  titre: "Dossier Zébulonovitch de retraite",
  notes: "Veuve depuis peu, rappeler la fille",
  piece: "Acte de décès du conjoint Zébulonovitch",
  identifiant: "7651234",
  lieu: "Agence Zorglub du centre",
  interlocuteur: "Mme Interlocutrice-Zorglub",
  remarques: "Remarque Zorglub pour le partenaire",
};

beforeAll(async () => {
  useTestEncryptionKey();
  ({ agent } = await structureWithAgent());
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(() => {
  setConfig({
    RETENTION_GRACE_DAYS: original.RETENTION_GRACE_DAYS,
    RETENTION_MANDAT_PROOF_MONTHS: original.RETENTION_MANDAT_PROOF_MONTHS,
  });
});

describe("retention rules", () => {
  it("defaults: 7 days of grace, 12 months of inactivity then 30 days, 60 months of proof for mandates", () => {
    const now = new Date("2026-06-15T10:00:00Z");
    const cutoffs = retentionCutoffs(now, { graceDays: 7, mandatProofMonths: 60 });
    expect(cutoffs.closedBefore.toISOString()).toBe("2026-06-08T10:00:00.000Z");
    expect(cutoffs.inactiveSince.toISOString()).toBe("2025-06-15T10:00:00.000Z");
    expect(cutoffs.flaggedBefore.toISOString()).toBe("2026-05-16T10:00:00.000Z");
    expect(cutoffs.mandatEndedBefore.toISOString()).toBe("2021-06-15T10:00:00.000Z");
    expect(shiftMonths(new Date("2026-03-31T00:00:00Z"), -1).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(original.RETENTION_GRACE_DAYS).toBe(7);
    expect(original.RETENTION_MANDAT_PROOF_MONTHS).toBe(60);
  });
});

describe("retention job, with fake time", () => {
  it("destroys a finished démarche and its usager after the grace period, the mandate after its proof period: the data is gone from every table", async () => {
    setConfig({ RETENTION_GRACE_DAYS: 7, RETENTION_MANDAT_PROOF_MONTHS: 1 });
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start);

    const usagerId = await newUsager(agent, {
      nom: SECRETS.nom,
      prenom: SECRETS.prenom,
      telephone: SECRETS.telephone,
      email: SECRETS.email,
      commune: SECRETS.commune,
      dateNaissance: "1944-07-14",
    });
    const demarcheId = await newDemarche(agent, usagerId, {
      titre: SECRETS.titre,
      notes: SECRETS.notes,
      pieces: SECRETS.piece,
      pourLeCompte: true,
      partenaire: "assurance_retraite",
      situationKey: "preparer_retraite",
    });
    await addIdentifiant(
      agent,
      usagerId,
      identifiantSchema.parse({ type: "caf_allocataire", valeur: SECRETS.identifiant, demarcheId }),
    );
    await saveRendezVous(
      agent,
      demarcheId,
      rendezVousSchema.parse({
        rdvAt: "2030-01-10T10:00",
        rdvLieu: SECRETS.lieu,
        rdvInterlocuteur: SECRETS.interlocuteur,
      }),
    );
    const passage = await recordPassage(
      agent,
      passageSchema.parse({
        sollicitations: [
          {
            partenaires: ["assurance_retraite"],
            situations: ["preparer_retraite"],
            aides: ["information"],
            autonomie: "entierement",
            issue: "attente_pieces",
          },
        ],
      }),
    );
    await linkPassage(agent, demarcheId, passage.id);
    const mandatId = await newMandat(agent, usagerId, [demarcheId], { lieu: "Sarreguemines" });
    await recordSignature(agent, mandatId, parisDay());
    await recordActionPourLeCompte(agent, demarcheId, "demarche_en_ligne");
    await getDemarche(agent, demarcheId);
    await updateSuivi(agent, demarcheId, {
      statut: "terminee",
      agentId: agent.userId,
      prochaineEtape: null,
      prochaineEtapeLe: null,
      notes: SECRETS.notes,
      remarquesTransmission: SECRETS.remarques,
    });
    expect(await tablesHolding(SECRETS.nom)).toEqual(
      expect.arrayContaining(["usagers.nom", "demarches.titre", "mandats.mandant_nom"]),
    );

    // Within the grace period: nothing goes.
    vi.setSystemTime(start + 3 * DAY);
    const early = await runJob(retentionJob);
    expect(early).toMatchObject({
      status: "succeeded",
      counts: { demarchesDetruites: 0, usagersDetruits: 0, mandatsDetruits: 0 },
    });

    // After the grace period: a dry run shows what would go and changes nothing.
    vi.setSystemTime(start + 8 * DAY);
    const dry = await runJob(retentionJob, { dryRun: true });
    expect(dry.counts).toMatchObject({ demarchesDetruites: 1, usagersDetruits: 1, mandatsDetruits: 0 });
    expect(await db().select().from(usagers).where(eq(usagers.id, usagerId))).toHaveLength(1);

    const run = await runJob(retentionJob);
    expect(run.counts).toMatchObject({ demarchesDetruites: 1, usagersDetruits: 1, mandatsDetruits: 0 });
    expect(await db().select().from(usagers).where(eq(usagers.id, usagerId))).toEqual([]);
    const [stat] = await db().select().from(demarches).where(eq(demarches.id, demarcheId));
    expect(stat).toMatchObject({
      usagerId: null,
      titre: null,
      notes: null,
      statut: "terminee",
      partnerKey: "assurance_retraite",
      situationKey: "preparer_retraite",
      pourLeCompte: true,
    });
    // Only the mandate, kept for proof, still names the mandant.
    expect((await tablesHolding(SECRETS.nom)).sort()).toEqual(["mandat_demarches.libelle", "mandats.mandant_nom"]);
    expect(await tablesHolding(SECRETS.prenom)).toEqual(["mandats.mandant_prenom"]);
    for (const needle of [
      SECRETS.telephone,
      SECRETS.email,
      SECRETS.notes,
      SECRETS.piece,
      SECRETS.lieu,
      SECRETS.interlocuteur,
      SECRETS.remarques,
    ])
      expect(await tablesHolding(needle), needle).toEqual([]);
    const [mandat] = await db().select().from(mandats).where(eq(mandats.id, mandatId));
    expect((await verifyMandat(mandat.verificationCode))?.result).toBe("expire");

    // After the proof period of the mandate: nothing is left anywhere, not even in the journal.
    vi.setSystemTime(start + 8 * DAY + 32 * DAY);
    const late = await runJob(retentionJob);
    expect(late.counts).toMatchObject({ mandatsDetruits: 1 });
    for (const needle of Object.values(SECRETS)) expect(await tablesHolding(needle), needle).toEqual([]);
    expect(await tablesHolding("Philom")).toEqual([]);
    // The verification code still answers, without data.
    expect((await verifyMandat(mandat.verificationCode))?.result).toBe("expire");

    // Every run is recorded, dry runs included.
    const runs = await db()
      .select()
      .from(jobRuns)
      .where(eq(jobRuns.job, retentionJob.name))
      .orderBy(desc(jobRuns.startedAt));
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.some((row) => row.dryRun && row.counts.usagersDetruits === 1)).toBe(true);
    expect(runs.every((row) => row.status === "succeeded" && row.finishedAt !== null)).toBe(true);
    const destroyed = await db().select().from(auditLog).where(eq(auditLog.action, "retention.usager_destroyed"));
    expect(destroyed.map((entry) => entry.targetId)).toContain(usagerId);
  });

  it("flags a démarche inactive for 12 months to its agent, then closes and destroys it 30 days later", async () => {
    setConfig({ RETENTION_GRACE_DAYS: 7, RETENTION_MANDAT_PROOF_MONTHS: 60 });
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start);
    const usagerId = await newUsager(agent, { nom: "Inactive", prenom: "Berthe" });
    const demarcheId = await newDemarche(agent, usagerId, { titre: "Démarche oubliée" });
    const kept = await newDemarche(agent, usagerId, { titre: "Démarche suivie" });
    const thirteenMonthsAgo = shiftMonths(new Date(start), -13);
    await db().update(demarches).set({ lastActivityAt: thirteenMonthsAgo }).where(eq(demarches.id, demarcheId));
    await db().update(usagers).set({ updatedAt: thirteenMonthsAgo }).where(eq(usagers.id, usagerId));

    const first = await runJob(retentionJob);
    expect(first.counts.demarchesSignalees).toBe(1);
    const [flagged] = await db().select().from(demarches).where(eq(demarches.id, demarcheId));
    expect(flagged.inactivityFlaggedAt).toBeInstanceOf(Date);
    const mails = (await db().select().from(outbox)).filter((mail) => mail.text.includes(`/demarches/${demarcheId}`));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).not.toMatch(/Inactive|Berthe|oubliée/);

    vi.setSystemTime(start + 20 * DAY);
    expect((await runJob(retentionJob)).counts.demarchesInactivesDetruites).toBe(0);

    vi.setSystemTime(start + 31 * DAY);
    const closing = await runJob(retentionJob);
    expect(closing.counts.demarchesInactivesDetruites).toBe(1);
    const [destroyed] = await db().select().from(demarches).where(eq(demarches.id, demarcheId));
    expect(destroyed).toMatchObject({ statut: "abandonnee", titre: null, usagerId: null });
    // The usager still has an open démarche: the file stays.
    expect(await db().select().from(usagers).where(eq(usagers.id, usagerId))).toHaveLength(1);
    const [other] = await db().select().from(demarches).where(eq(demarches.id, kept));
    expect(other.titre).toBe("Démarche suivie");
  });

  it("keeps an usager file while a mandate runs, even without a live démarche", async () => {
    setConfig({ RETENTION_GRACE_DAYS: 0, RETENTION_MANDAT_PROOF_MONTHS: 60 });
    const usagerId = await newUsager(agent, { nom: "Mandatée", prenom: "Claire" });
    const a = await newDemarche(agent, usagerId);
    const b = await newDemarche(agent, usagerId, { titre: "Deuxième démarche" });
    const mandatId = await newMandat(agent, usagerId, [a, b]);
    await recordSignature(agent, mandatId, parisDay());
    await db()
      .update(demarches)
      .set({ statut: "terminee", closedAt: new Date(Date.now() - DAY) })
      .where(eq(demarches.id, a));
    await db()
      .update(usagers)
      .set({ updatedAt: new Date(Date.now() - DAY) })
      .where(eq(usagers.id, usagerId));
    await runJob(retentionJob);
    // Démarche a is destroyed, b still open: the mandate runs, the file stays.
    expect(await db().select().from(usagers).where(eq(usagers.id, usagerId))).toHaveLength(1);
  });
});
