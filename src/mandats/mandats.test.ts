import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { auditLog, demarcheActions, mandats, outbox } from "../db/schema";
import { getDemarche } from "../demarches/get-demarche.server";
import { recordActionPourLeCompte } from "../demarches/record-action.server";
import { updateSuivi } from "../demarches/update-suivi.server";
import { validUntil } from "../donnees-personnelles/mandats.rules";
import { runJob } from "../platform/jobs.server";
import { parisDay, shiftDay } from "../platform/time";
import {
  codeOf,
  newDemarche,
  newMandat,
  newUsager,
  pdfText,
  setDemarcheStatut,
  structureWithAgent,
} from "../test/usager-fixtures";
import { mandatExpiryWarningJob } from "./expiry-warning.job";
import { getMandat } from "./get-mandat.server";
import { mandatDocumentPdf, revocationAttestationPdf } from "./mandat-documents.server";
import { createMandatSchema } from "./mandats.schema";
import { recordSignature } from "./record-signature.server";
import { renewMandat } from "./renew-mandat.server";
import { requireActiveMandate } from "./require-active-mandate.server";
import { revokeMandat } from "./revoke-mandat.server";
import { verifyMandat } from "./verify-mandat.server";

let agent: Actor;
let other: Actor;

beforeAll(async () => {
  ({ agent } = await structureWithAgent());
  other = (await structureWithAgent()).agent;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("mandate (« mandat type »)", () => {
  it("needs at least one démarche, one category of data and the identity check", () => {
    const parsed = createMandatSchema.safeParse({
      usagerId: crypto.randomUUID(),
      demarches: [],
      donnees: [],
      lieu: "Sarreguemines",
    });
    expect(parsed.success).toBe(false);
    const fields = parsed.error!.issues.map((issue) => issue.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["demarches", "donnees", "identiteVerifiee"]));
  });

  it("prints two originals naming both parties, the démarches, the data authorised and the login codes mark", async () => {
    const usagerId = await newUsager(agent, { nom: "Mandante", prenom: "Odile", commune: "Sarreguemines" });
    const first = await newDemarche(agent, usagerId, {
      titre: "Déclaration de revenus en ligne",
      partenaire: "dgfip",
      situationKey: "declarer_impots",
    });
    const second = await newDemarche(agent, usagerId, { titre: "Demande d’aide au logement" });
    const id = await newMandat(agent, usagerId, [first, second], {
      donnees: ["etat_civil", "fiscalite"],
      identifiantsConnexion: true,
    });
    const { pdf } = await mandatDocumentPdf(agent, id);
    const text = await pdfText(pdf);
    const mandat = await getMandat(agent, id);
    expect(text).toContain("Exemplaire original du mandant");
    expect(text).toContain("Exemplaire original du mandataire");
    expect(text.match(/Odile MANDANTE/g)!.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain(`${agent.prenom} ${agent.nom.toUpperCase()}`);
    expect(text).toContain("Déclaration de revenus en ligne (DGFiP)");
    expect(text).toContain("Demande d’aide au logement (CAF)");
    expect(text).toContain("État civil (nom, prénom, date de naissance)");
    expect(text).toContain("Situation fiscale");
    expect(text).toContain("Codes et identifiants de connexion : OUI");
    expect(text).toContain("détruire, dès la réalisation de ces démarches");
    expect(text).toContain(mandat.verificationCode);
    expect(text).toContain("Page 2 sur");
    const printed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mandat.printed"), eq(auditLog.targetId, id)));
    expect(printed).toHaveLength(1);
    expect(await codeOf(mandatDocumentPdf(other, id))).toBe("auth.forbidden");
  });

  it("verifies as not yet signed, valid, then revoked; and another one as expired, with fake time", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date());
    const usagerId = await newUsager(agent);
    const demarcheId = await newDemarche(agent, usagerId);
    const id = await newMandat(agent, usagerId, [demarcheId]);
    const [row] = await db().select().from(mandats).where(eq(mandats.id, id));
    expect((await verifyMandat(row.verificationCode))?.result).toBe("en_attente_signature");
    await recordSignature(agent, id, parisDay());
    const valid = await verifyMandat(row.verificationCode.toLowerCase().replace(/(.{4})/g, "$1-"));
    expect(valid).toMatchObject({ result: "valide", validUntil: validUntil(parisDay()) });
    vi.setSystemTime(new Date(Date.now() + 2 * 86_400_000));
    await revokeMandat(agent, id, { revokedOn: parisDay(), motif: "L’usagère retire son accord", demarcheId: null });
    expect((await verifyMandat(row.verificationCode))?.result).toBe("revoque");

    vi.setSystemTime(new Date());
    const other = await newMandat(agent, usagerId, [demarcheId]);
    const [otherRow] = await db().select().from(mandats).where(eq(mandats.id, other));
    await recordSignature(agent, other, parisDay());
    expect((await verifyMandat(otherRow.verificationCode))?.result).toBe("valide");
    vi.setSystemTime(new Date(Date.now() + 366 * 86_400_000));
    expect((await verifyMandat(otherRow.verificationCode))?.result).toBe("expire");
    expect(await verifyMandat("AAAA-BBBB-CCCC")).toBeNull();
  });

  it("ends when its démarches are done (verification: expired); a reopened démarche does not revive it, a renewal does (issue 12)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start);
    const usagerId = await newUsager(agent);
    const demarcheId = await newDemarche(agent, usagerId, { pourLeCompte: true });
    const id = await newMandat(agent, usagerId, [demarcheId]);
    const signedOn = parisDay();
    await recordSignature(agent, id, signedOn);
    const [row] = await db().select().from(mandats).where(eq(mandats.id, id));
    vi.setSystemTime(start + 3 * 86_400_000);
    await setDemarcheStatut(agent, demarcheId, "terminee");
    expect((await verifyMandat(row.verificationCode))?.result).toBe("expire");
    expect(await getMandat(agent, id)).toMatchObject({ statut: "termine", renewable: false });
    const [ended] = await db().select().from(mandats).where(eq(mandats.id, id));
    expect(ended.endedAt).not.toBeNull();
    // Nothing to renew while every démarche covered is done.
    expect(await codeOf(renewMandat(agent, id, parisDay()))).toBe("mandat.not_renewable");

    await setDemarcheStatut(agent, demarcheId, "ouverte");
    const [reopened] = await db().select().from(mandats).where(eq(mandats.id, id));
    expect(reopened.endedAt).toEqual(ended.endedAt);
    expect((await verifyMandat(row.verificationCode))?.result).toBe("expire");
    expect(await getMandat(agent, id)).toMatchObject({ statut: "termine", renewable: true });
    expect(await codeOf(requireActiveMandate(agent, usagerId, demarcheId))).toBe("mandat.required");
    expect(await codeOf(recordActionPourLeCompte(agent, demarcheId, "demarche_en_ligne"))).toBe("mandat.required");
    // The démarche page says the mandate ended and links to renewing it.
    const covering = (await getDemarche(agent, demarcheId)).mandats.find((mandat) => mandat.id === id);
    expect(covering).toMatchObject({ statut: "termine", authorisationRevoked: false, signed: true });

    // An explicit renewal, with the usager's agreement, not dated before the end: valid again for a year.
    vi.setSystemTime(start + 5 * 86_400_000);
    expect(await codeOf(renewMandat(agent, id, shiftDay(signedOn, 1)))).toBe("mandat.renewal_before_end");
    await renewMandat(agent, id, parisDay());
    const [renewed] = await db().select().from(mandats).where(eq(mandats.id, id));
    expect(renewed).toMatchObject({ endedAt: null, expiresOn: validUntil(parisDay()) });
    expect(renewed.renewedAt).not.toBeNull();
    expect((await verifyMandat(row.verificationCode))?.result).toBe("valide");
    expect(await requireActiveMandate(agent, usagerId, demarcheId)).toBe(id);
  });

  it("refuses an action « pour le compte » without an active mandate covering the démarche, and accepts it with one", async () => {
    const usagerId = await newUsager(agent);
    const covered = await newDemarche(agent, usagerId, { pourLeCompte: true });
    const uncovered = await newDemarche(agent, usagerId, { titre: "Autre démarche" });
    expect(await codeOf(recordActionPourLeCompte(agent, covered, "demarche_en_ligne"))).toBe("mandat.required");
    expect(await codeOf(requireActiveMandate(agent, usagerId, covered))).toBe("mandat.required");
    const id = await newMandat(agent, usagerId, [covered]);
    // Not signed yet: not active.
    expect(await codeOf(recordActionPourLeCompte(agent, covered, "demarche_en_ligne"))).toBe("mandat.required");
    await recordSignature(agent, id, parisDay());
    expect(await requireActiveMandate(agent, usagerId, covered)).toBe(id);
    const actionId = await recordActionPourLeCompte(agent, covered, "demande_communication_donnees");
    const [action] = await db().select().from(demarcheActions).where(eq(demarcheActions.id, actionId));
    expect(action.mandatId).toBe(id);
    // Another démarche of the same usager is not covered; another structure never is.
    expect(await codeOf(recordActionPourLeCompte(agent, uncovered, "demarche_en_ligne"))).toBe("mandat.required");
    expect(await codeOf(requireActiveMandate(other, usagerId, covered))).toBe("mandat.required");
    // A flagged démarche goes to the partner only under the mandate.
    const flagged = await newDemarche(agent, usagerId, { pourLeCompte: true, titre: "Sans mandat" });
    expect(
      await codeOf(
        updateSuivi(agent, flagged, {
          statut: "attente_partenaire",
          agentId: agent.userId,
          prochaineEtape: null,
          prochaineEtapeLe: null,
          notes: null,
          remarquesTransmission: null,
        }),
      ),
    ).toBe("mandat.required");
    expect(
      await codeOf(
        updateSuivi(agent, covered, {
          statut: "attente_partenaire",
          agentId: agent.userId,
          prochaineEtape: null,
          prochaineEtapeLe: null,
          notes: null,
          remarquesTransmission: null,
        }),
      ),
    ).toBe("ok");
  });

  it("revokes one démarche only (partial), then the last one revokes the whole, with an attestation", async () => {
    const usagerId = await newUsager(agent, { nom: "Partielle", prenom: "Ida" });
    const a = await newDemarche(agent, usagerId, { titre: "Démarche A" });
    const b = await newDemarche(agent, usagerId, { titre: "Démarche B" });
    const id = await newMandat(agent, usagerId, [a, b]);
    await recordSignature(agent, id, parisDay());
    expect(await codeOf(revocationAttestationPdf(agent, id))).toBe("mandat.not_revoked");
    await revokeMandat(agent, id, { revokedOn: parisDay(), motif: "Ne souhaite plus d’aide pour A", demarcheId: a });
    expect(await codeOf(requireActiveMandate(agent, usagerId, a))).toBe("mandat.required");
    expect(await requireActiveMandate(agent, usagerId, b)).toBe(id);
    const partial = await pdfText((await revocationAttestationPdf(agent, id)).pdf);
    expect(partial).toContain("Démarche A");
    expect(partial).toContain("Ne souhaite plus d’aide pour A");
    await revokeMandat(agent, id, { revokedOn: parisDay(), motif: "Retrait complet", demarcheId: b });
    expect((await getMandat(agent, id)).statut).toBe("revoque");
    const whole = await pdfText((await revocationAttestationPdf(agent, id)).pdf);
    expect(whole).toContain("a retiré le mandat dans son ensemble");
    expect(whole).toContain("Ida PARTIELLE");
    expect(await codeOf(revokeMandat(agent, id, { revokedOn: parisDay(), motif: "Encore", demarcheId: null }))).toBe(
      "mandat.not_active",
    );
  });

  it("revoking the last authorisation of a démarche in progress, the others abandonnées, revokes the whole with its date (issue 12)", async () => {
    const usagerId = await newUsager(agent);
    const live = await newDemarche(agent, usagerId, { titre: "Démarche en cours" });
    const dropped = await newDemarche(agent, usagerId, { titre: "Démarche abandonnée" });
    const id = await newMandat(agent, usagerId, [live, dropped]);
    await recordSignature(agent, id, parisDay());
    await setDemarcheStatut(agent, dropped, "abandonnee");
    expect((await getMandat(agent, id)).statut).toBe("valide");
    await revokeMandat(agent, id, { revokedOn: parisDay(), motif: "Retrait", demarcheId: live });
    const [row] = await db().select().from(mandats).where(eq(mandats.id, id));
    expect(row).toMatchObject({
      revokedOn: parisDay(),
      revocationReason: "Retrait",
      revokedBy: agent.userId,
      endedAt: null,
    });
    expect(row.revokedAt).not.toBeNull();
    expect((await getMandat(agent, id)).statut).toBe("revoque");
    expect((await verifyMandat(row.verificationCode))?.result).toBe("revoque");
    const whole = await pdfText((await revocationAttestationPdf(agent, id)).pdf);
    expect(whole).toContain("a retiré le mandat dans son ensemble");
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "mandat.revoked")));
    expect(audit).toHaveLength(1);
  });

  it("renews a signed mandate for one more year, and warns its mandataire 30 days before expiry, once", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date();
    vi.setSystemTime(start);
    const usagerId = await newUsager(agent);
    const demarcheId = await newDemarche(agent, usagerId);
    const id = await newMandat(agent, usagerId, [demarcheId]);
    expect(await codeOf(renewMandat(agent, id, parisDay()))).toBe("mandat.not_renewable");
    await recordSignature(agent, id, parisDay());
    vi.setSystemTime(new Date(start.getTime() + 340 * 86_400_000));
    const before = (await db().select().from(outbox)).length;
    expect((await runJob(mandatExpiryWarningJob)).counts.mandats).toBeGreaterThanOrEqual(1);
    const mails = (await db().select().from(outbox)).slice(before);
    const mine = mails.filter((mail) => mail.text.includes(`/mandats/${id}`));
    expect(mine).toHaveLength(1);
    expect(mine[0].to).toBe(agent.email);
    expect(mine[0].text).not.toMatch(/Dupont|Martine/);
    await runJob(mandatExpiryWarningJob);
    expect((await db().select().from(outbox)).filter((mail) => mail.text.includes(`/mandats/${id}`))).toHaveLength(1);
    await renewMandat(agent, id, parisDay());
    const renewed = await getMandat(agent, id);
    expect(renewed.statut).toBe("valide");
    expect(renewed.expiresOn > shiftDay(parisDay(), 360)).toBe(true);
    const [row] = await db().select().from(mandats).where(eq(mandats.id, id));
    expect(row.expiryWarnedAt).toBeNull();
  });
});
