import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../acces/actor.server";
import { passageSchema } from "../accueil/accueil.schema";
import { recordPassage } from "../accueil/record-passage.server";
import { db } from "../db/client.server";
import { auditLog, demarches, outbox } from "../db/schema";
import { runJob } from "../platform/jobs.server";
import { parisDay, shiftDay } from "../platform/time";
import { codeOf, newDemarche, newUsager, pdfText, structureWithAgent } from "../test/usager-fixtures";
import { addPiece } from "./add-piece.server";
import { ficheTransmissionPdf, rendezVousPdf } from "./demarche-documents.server";
import { createDemarcheSchema, rendezVousSchema } from "./demarches.schema";
import { getDemarche } from "./get-demarche.server";
import { linkPassage } from "./link-passage.server";
import { listDemarches } from "./list-demarches.server";
import { markComplete } from "./mark-complete.server";
import { reminderDigestJob } from "./reminder-digest.job";
import { saveRendezVous } from "./save-rendez-vous.server";
import { updatePieces } from "./update-pieces.server";
import { updateSuivi } from "./update-suivi.server";

let agent: Actor;
let other: Actor;

beforeAll(async () => {
  ({ agent } = await structureWithAgent());
  other = (await structureWithAgent()).agent;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("démarches", () => {
  it("refuses obvious sensitive data in the notes, with a French message", () => {
    const base = { usagerId: crypto.randomUUID(), titre: "Test", partenaire: "caf" };
    for (const notes of ["mot de passe : soleil123", "NIR 2 69 05 49 588 157 80", "mdp impots.gouv"]) {
      const parsed = createDemarcheSchema.safeParse({ ...base, notes });
      expect(parsed.success, notes).toBe(false);
      expect(parsed.error!.issues[0].message).toContain("Ne notez ni mot de passe");
    }
    expect(createDemarcheSchema.safeParse({ ...base, notes: "Rappeler mardi matin" }).success).toBe(true);
  });

  it("shows a démarche past its next-step date in the agent's « à faire » list, not one still ahead", async () => {
    const usagerId = await newUsager(agent, { nom: "Afaire", prenom: "Lucie" });
    const due = await newDemarche(agent, usagerId, {
      prochaineEtape: "Relancer la CAF",
      prochaineEtapeLe: shiftDay(parisDay(), -1),
    });
    const later = await newDemarche(agent, usagerId, { prochaineEtapeLe: shiftDay(parisDay(), 10) });
    const lists = await listDemarches(agent);
    expect(lists.aFaire.map((item) => item.id)).toContain(due);
    expect(lists.aFaire.map((item) => item.id)).not.toContain(later);
    expect(lists.enCours.map((item) => item.id)).toEqual(expect.arrayContaining([due, later]));
    expect((await listDemarches(other)).enCours.map((item) => item.id)).not.toContain(due);
    expect(await codeOf(getDemarche(other, due))).toBe("auth.forbidden");
  });

  it("checks completeness from the checklist, then prints the fiche de transmission", async () => {
    const usagerId = await newUsager(agent, { nom: "Transmise", prenom: "Nina", dateNaissance: "1960-02-03" });
    const id = await newDemarche(agent, usagerId, { pieces: "Avis d’imposition 2025\nJustificatif de domicile" });
    await updateSuivi(agent, id, {
      statut: "ouverte",
      agentId: agent.userId,
      prochaineEtape: null,
      prochaineEtapeLe: null,
      notes: null,
      remarquesTransmission: "Dossier urgent : fin de droits au 31 du mois.",
    });
    expect(await codeOf(ficheTransmissionPdf(agent, id))).toBe("demarche.not_complete");
    expect(await codeOf(markComplete(agent, id))).toBe("demarche.incomplete");
    const detail = await getDemarche(agent, id);
    await updatePieces(
      agent,
      id,
      detail.pieces.map((piece) => ({ id: piece.id, etat: "verifie" as const })),
    );
    await markComplete(agent, id);
    const text = await pdfText((await ficheTransmissionPdf(agent, id)).pdf);
    for (const expected of [
      "Fiche de transmission",
      "CAF",
      "Nina TRANSMISE",
      "Avis d’imposition 2025 — Vérifié",
      "Justificatif de domicile — Vérifié",
      "Dossier urgent",
      agent.email,
      "RÉPUBLIQUE",
      "Page 1 sur 1",
    ]) {
      expect(text).toContain(expected);
    }
    // A new piece voids the completeness mark.
    await addPiece(agent, id, "RIB");
    expect(await codeOf(ficheTransmissionPdf(agent, id))).toBe("demarche.not_complete");
    const printed = await db().select().from(auditLog).where(eq(auditLog.action, "demarche.fiche_printed"));
    expect(printed.map((entry) => entry.targetId)).toContain(id);
  });

  it("prepares a partner appointment sheet: place, time, person met, public contact, pieces to bring", async () => {
    const usagerId = await newUsager(agent, { nom: "Rendezvous", prenom: "Marc" });
    const id = await newDemarche(agent, usagerId, { pieces: "Pièce d’identité" });
    expect(await codeOf(rendezVousPdf(agent, id))).toBe("demarche.rdv_missing");
    await saveRendezVous(
      agent,
      id,
      rendezVousSchema.parse({
        rdvAt: "2030-03-14T09:30",
        rdvLieu: "CAF de la Moselle, accueil de Sarreguemines",
        rdvInterlocuteur: "Mme Conseillère",
        rdvContact: "3230 (numéro national)",
      }),
    );
    const text = await pdfText((await rendezVousPdf(agent, id)).pdf);
    for (const expected of [
      "jeudi 14 mars 2030 à 09:30",
      "CAF de la Moselle",
      "Mme Conseillère",
      "3230 (numéro national)",
      "Pièce d’identité",
      "Marc RENDEZVOUS",
    ])
      expect(text).toContain(expected);
  });

  it("links passages of the accueil so that the history of visits shows", async () => {
    const usagerId = await newUsager(agent);
    const id = await newDemarche(agent, usagerId);
    const passage = await recordPassage(
      agent,
      passageSchema.parse({
        sollicitations: [
          {
            partenaires: ["caf"],
            situations: ["allocation_logement"],
            aides: ["information"],
            autonomie: "autonome",
            issue: "attente_pieces",
          },
        ],
      }),
    );
    expect((await getDemarche(agent, id)).linkable.map((row) => row.id)).toContain(passage.id);
    await linkPassage(agent, id, passage.id);
    const detail = await getDemarche(agent, id);
    expect(detail.passages).toEqual([expect.objectContaining({ id: passage.id, demandes: 1 })]);
    expect(detail.linkable.map((row) => row.id)).not.toContain(passage.id);
    const foreign = await recordPassage(
      other,
      passageSchema.parse({
        sollicitations: [
          {
            partenaires: ["caf"],
            situations: ["allocation_logement"],
            aides: ["information"],
            autonomie: "autonome",
            issue: "resolu_sur_place",
          },
        ],
      }),
    );
    expect(await codeOf(linkPassage(agent, id, foreign.id))).toBe("demarche.passage_not_found");
  });

  it("e-mails each agent a daily digest of links, without personal data", async () => {
    const usagerId = await newUsager(agent, { nom: "Confidentiel", prenom: "Gaston" });
    const id = await newDemarche(agent, usagerId, {
      titre: "Titre secret de la démarche",
      prochaineEtapeLe: parisDay(),
    });
    const before = (await db().select().from(outbox)).length;
    const result = await runJob(reminderDigestJob);
    expect(result.status).toBe("succeeded");
    const mails = (await db().select().from(outbox)).slice(before).filter((mail) => mail.to === agent.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`/demarches/${id}`);
    expect(mails[0].text).toContain("/demarches");
    expect(JSON.stringify(mails[0])).not.toMatch(/Confidentiel|Gaston|Titre secret/);
    // A dry run counts without sending anything.
    const sent = (await db().select().from(outbox)).length;
    const dry = await runJob(reminderDigestJob, { dryRun: true });
    expect(dry.counts.demarches).toBeGreaterThanOrEqual(1);
    expect((await db().select().from(outbox)).length).toBe(sent);
  });

  it("records closing and reopening dates (the retention grace starts at closing)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date());
    const usagerId = await newUsager(agent);
    const id = await newDemarche(agent, usagerId);
    await updateSuivi(agent, id, {
      statut: "abandonnee",
      agentId: agent.userId,
      prochaineEtape: null,
      prochaineEtapeLe: null,
      notes: null,
      remarquesTransmission: null,
    });
    const [closed] = await db().select().from(demarches).where(eq(demarches.id, id));
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(await codeOf(addPiece(agent, id, "RIB"))).toBe("demarche.closed");
    await updateSuivi(agent, id, {
      statut: "attente_usager",
      agentId: agent.userId,
      prochaineEtape: null,
      prochaineEtapeLe: null,
      notes: null,
      remarquesTransmission: null,
    });
    const [reopened] = await db().select().from(demarches).where(eq(demarches.id, id));
    expect(reopened.closedAt).toBeNull();
    expect(
      await codeOf(
        updateSuivi(agent, id, {
          statut: "ouverte",
          agentId: other.userId,
          prochaineEtape: null,
          prochaineEtapeLe: null,
          notes: null,
          remarquesTransmission: null,
        }),
      ),
    ).toBe("demarche.agent_invalid");
  });
});
