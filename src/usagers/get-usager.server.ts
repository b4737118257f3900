import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { demarches, mandatDemarches, mandats, usagerIdentifiants, usagers } from "../db/schema";
import {
  auditPersonalData,
  forbiddenIfExists,
  type RequestContext,
  usagerDataScope,
} from "../donnees-personnelles/access.server";
import { type DemarcheStatut, isClosedStatut } from "../donnees-personnelles/demarches.labels";
import type { MandatStatut } from "../donnees-personnelles/mandats.labels";
import { mandatStatus } from "../donnees-personnelles/mandats.rules";
import { AppError, isAppError } from "../platform/app-error";
import { decrypt } from "../platform/encryption.server";
import { parisDay } from "../platform/time";
import { isUuid } from "../platform/validation";
import { identifiantLabel, maskIdentifiant } from "./usagers.labels";

export type UsagerRow = typeof usagers.$inferSelect;

/** One usager file of the actor's structures; anything else (other structure, unknown, malformed id) is "not found". */
export async function findUsager(actor: Actor, id: string, q: Queryable = db()): Promise<UsagerRow> {
  if (!isUuid(id)) throw new AppError("usager.not_found", 404);
  const [row] = await q
    .select()
    .from(usagers)
    .where(and(eq(usagers.id, id), usagerDataScope(actor, usagers.structureId)));
  if (!row) {
    await forbiddenIfExists(actor, usagers, id, q);
    throw new AppError("usager.not_found", 404);
  }
  return row;
}

export type MaskedIdentifiant = { id: string; type: string; label: string; masked: string; demarcheId: string };

/** The associated data that binds an identifier's ciphertext to its row. */
export function identifiantAad(id: string): string {
  return `usager_identifiants:${id}`;
}

export async function maskedIdentifiants(usagerId: string, q: Queryable = db()): Promise<MaskedIdentifiant[]> {
  const rows = await q
    .select()
    .from(usagerIdentifiants)
    .where(eq(usagerIdentifiants.usagerId, usagerId))
    .orderBy(asc(usagerIdentifiants.type));
  return rows.map((row) => {
    let masked: string;
    try {
      masked = maskIdentifiant(decrypt(row.chiffre, identifiantAad(row.id)));
    } catch (error) {
      if (!isAppError(error)) throw error;
      masked = "illisible (clé de chiffrement absente)";
    }
    return { id: row.id, type: row.type, label: identifiantLabel(row.type), masked, demarcheId: row.demarcheId };
  });
}

export type UsagerDemarcheSummary = {
  id: string;
  titre: string;
  statut: DemarcheStatut;
  partnerKey: string | null;
  prochaineEtapeLe: string | null;
  closed: boolean;
};

export type UsagerMandatSummary = {
  id: string;
  statut: MandatStatut;
  createdAt: string;
  expiresOn: string;
  demarches: number;
};

export type UsagerFile = {
  usager: Omit<UsagerRow, "nomRecherche" | "createdAt" | "updatedAt" | "noticeRemiseAt"> & {
    createdAt: string;
    updatedAt: string;
    noticeRemiseAt: string;
  };
  identifiants: MaskedIdentifiant[];
  demarches: UsagerDemarcheSummary[];
  mandats: UsagerMandatSummary[];
  duplicates: Array<{ id: string; nom: string; prenom: string; dateNaissance: string | null; commune: string | null }>;
  /** Erasure is refused while a mandate is valid or awaiting signature. */
  erasable: boolean;
};

export async function usagerDemarches(usagerId: string, q: Queryable = db()): Promise<UsagerDemarcheSummary[]> {
  const rows = await q
    .select({
      id: demarches.id,
      titre: demarches.titre,
      statut: demarches.statut,
      partnerKey: demarches.partnerKey,
      prochaineEtapeLe: demarches.prochaineEtapeLe,
    })
    .from(demarches)
    .where(and(eq(demarches.usagerId, usagerId), isNull(demarches.destroyedAt)))
    .orderBy(desc(demarches.createdAt));
  return rows.map((row) => ({
    ...row,
    titre: row.titre ?? "",
    statut: row.statut as DemarcheStatut,
    closed: isClosedStatut(row.statut),
  }));
}

export async function usagerMandats(usagerId: string, q: Queryable = db()): Promise<UsagerMandatSummary[]> {
  const rows = await q
    .select()
    .from(mandats)
    .where(and(eq(mandats.usagerId, usagerId), isNull(mandats.destroyedAt)))
    .orderBy(desc(mandats.createdAt));
  if (rows.length === 0) return [];
  const counts = await q
    .select({ mandatId: mandatDemarches.mandatId })
    .from(mandatDemarches)
    .where(
      inArray(
        mandatDemarches.mandatId,
        rows.map((row) => row.id),
      ),
    );
  const today = parisDay();
  return rows.map((row) => ({
    id: row.id,
    statut: mandatStatus(row, today),
    createdAt: row.createdAt.toISOString(),
    expiresOn: row.expiresOn,
    demarches: counts.filter((count) => count.mandatId === row.id).length,
  }));
}

/** The whole file as the agent sees it; the view is journaled (ids only). */
export async function getUsagerFile(actor: Actor, id: string, context: RequestContext = {}): Promise<UsagerFile> {
  const row = await findUsager(actor, id);
  const [identifiants, demarcheList, mandatList, duplicates] = await Promise.all([
    maskedIdentifiants(row.id),
    usagerDemarches(row.id),
    usagerMandats(row.id),
    db()
      .select({
        id: usagers.id,
        nom: usagers.nom,
        prenom: usagers.prenom,
        dateNaissance: usagers.dateNaissance,
        commune: usagers.commune,
      })
      .from(usagers)
      .where(
        and(
          eq(usagers.structureId, row.structureId),
          eq(usagers.nomRecherche, row.nomRecherche),
          ne(usagers.id, row.id),
        ),
      )
      .orderBy(asc(usagers.createdAt)),
  ]);
  await auditPersonalData(
    actor,
    "usager.viewed",
    { type: "usager", id: row.id, structureId: row.structureId },
    context,
  );
  const { nomRecherche: _search, ...usager } = row;
  return {
    usager: {
      ...usager,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      noticeRemiseAt: row.noticeRemiseAt.toISOString(),
    },
    identifiants,
    demarches: demarcheList,
    mandats: mandatList,
    duplicates,
    erasable: !mandatList.some((mandat) => mandat.statut === "valide" || mandat.statut === "en_attente_signature"),
  };
}

/** Name only, for the forms that start from a file (new démarche, new mandate); the view is journaled. */
export async function viewUsagerSummary(
  actor: Actor,
  id: string,
  context: RequestContext = {},
): Promise<{ id: string; nom: string; prenom: string; structureId: string }> {
  const row = await findUsager(actor, id);
  await auditPersonalData(
    actor,
    "usager.viewed",
    { type: "usager", id: row.id, structureId: row.structureId },
    context,
  );
  return { id: row.id, nom: row.nom, prenom: row.prenom, structureId: row.structureId };
}
