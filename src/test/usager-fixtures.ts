/** Test helpers shared by the usagers, démarches, mandats and retention tests (never imported by the app). */
import { randomBytes } from "node:crypto";
import { extractText, getDocumentProxy } from "unpdf";
import type { Actor } from "../acces/actor.server";
import { createDemarche } from "../demarches/create-demarche.server";
import { createDemarcheSchema } from "../demarches/demarches.schema";
import { updateSuivi } from "../demarches/update-suivi.server";
import type { DemarcheStatut } from "../donnees-personnelles/demarches.labels";
import { createMandat } from "../mandats/create-mandat.server";
import { createMandatSchema } from "../mandats/mandats.schema";
import { isAppError } from "../platform/app-error";
import { setConfig } from "../platform/config.server";
import { createUsager } from "../usagers/create-usager.server";
import { createUsagerSchema } from "../usagers/usagers.schema";
import { createTestStructure, createTestUser, testActor } from "./factories";

export function useTestEncryptionKey(): string {
  const key = `k1:${randomBytes(32).toString("base64")}`;
  setConfig({ ENCRYPTION_KEYS: key });
  return key;
}

export async function structureWithAgent(): Promise<{ structureId: string; agent: Actor; agentId: string }> {
  const structureId = await createTestStructure({ departement: "57", communeInsee: "57631", codePostal: "57200" });
  const { userId } = await createTestUser([{ role: "agent", structureId }]);
  return { structureId, agent: await testActor(userId), agentId: userId };
}

export async function newUsager(actor: Actor, values: Record<string, unknown> = {}): Promise<string> {
  return createUsager(
    actor,
    createUsagerSchema.parse({ nom: "Dupont", prenom: "Martine", noticeRemise: true, ...values }),
  );
}

export async function newDemarche(
  actor: Actor,
  usagerId: string,
  values: Record<string, unknown> = {},
): Promise<string> {
  return createDemarche(
    actor,
    createDemarcheSchema.parse({
      usagerId,
      titre: "Demande d’allocation logement",
      partenaire: "caf",
      situationKey: "allocation_logement",
      ...values,
    }),
  );
}

/** Moves a démarche to a status (follow-up form with the agent in charge and nothing else). */
export async function setDemarcheStatut(actor: Actor, demarcheId: string, statut: DemarcheStatut): Promise<void> {
  await updateSuivi(actor, demarcheId, {
    statut,
    agentId: actor.userId,
    prochaineEtape: null,
    prochaineEtapeLe: null,
    notes: null,
    remarquesTransmission: null,
  });
}

export async function newMandat(
  actor: Actor,
  usagerId: string,
  demarches: string[],
  values: Record<string, unknown> = {},
): Promise<string> {
  return createMandat(
    actor,
    createMandatSchema.parse({
      usagerId,
      demarches,
      donnees: ["etat_civil", "ressources"],
      lieu: "Sarreguemines",
      identiteVerifiee: true,
      ...values,
    }),
  );
}

/** The error code a use case fails with, or "ok". */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return "ok";
}

/** The text of a PDF, whitespace collapsed. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text.replace(/\s+/g, " ");
}
