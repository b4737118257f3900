import { and, asc, eq, isNull } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { demarches, mandatDemarches, mandatDonnees, mandats, structures, users } from "../db/schema";
import {
  auditPersonalData,
  forbiddenIfExists,
  type RequestContext,
  usagerDataScope,
} from "../donnees-personnelles/access.server";
import { type DemarcheStatut, isClosedStatut } from "../donnees-personnelles/demarches.labels";
import type { DonneeKey, MandatStatut } from "../donnees-personnelles/mandats.labels";
import { isRenewable, mandatStatus } from "../donnees-personnelles/mandats.rules";
import { AppError } from "../platform/app-error";
import { appLink } from "../platform/mail.server";
import { parisDay } from "../platform/time";
import { isUuid } from "../platform/validation";
import { communeLabel } from "../territoire/territoire";
import { formatVerificationCode } from "./create-mandat.server";

export type MandatRow = typeof mandats.$inferSelect;

/** A mandate of the actor's structures, not yet destroyed; anything else is "not found". */
export async function findMandat(actor: Actor, id: string, q: Queryable = db()): Promise<MandatRow> {
  if (!isUuid(id)) throw new AppError("mandat.not_found", 404);
  const [row] = await q
    .select()
    .from(mandats)
    .where(and(eq(mandats.id, id), isNull(mandats.destroyedAt), usagerDataScope(actor, mandats.structureId)));
  if (!row) {
    await forbiddenIfExists(actor, mandats, id, q);
    throw new AppError("mandat.not_found", 404);
  }
  return row;
}

export type Authorisation = {
  id: string;
  demarcheId: string | null;
  libelle: string;
  demarcheStatut: DemarcheStatut | null;
  revokedAt: string | null;
  revocationReason: string | null;
};

export type MandatDetail = {
  id: string;
  statut: MandatStatut;
  /** The renewal form applies (a mandate that ended is renewable only once one of its démarches reopened). */
  renewable: boolean;
  structureId: string;
  structure: {
    nom: string;
    adresse: string;
    codePostal: string;
    commune: string;
    telephone: string | null;
    email: string | null;
  };
  usagerId: string | null;
  mandant: { nom: string; prenom: string; commune: string | null };
  mandataire: { id: string; nom: string; prenom: string; email: string };
  lieu: string;
  identifiantsConnexion: boolean;
  donnees: DonneeKey[];
  authorisations: Authorisation[];
  verificationCode: string;
  verificationUrl: string;
  createdAt: string;
  signedOn: string | null;
  expiresOn: string;
  renewedAt: string | null;
  endedAt: string | null;
  revokedAt: string | null;
  revokedOn: string | null;
  revocationReason: string | null;
};

/** Everything a mandate holds, for its page and its documents (no journal entry: callers journal). */
export async function loadMandatDetail(row: MandatRow, q: Queryable = db()): Promise<MandatDetail> {
  const [structure] = await q.select().from(structures).where(eq(structures.id, row.structureId));
  const [agent] = await q
    .select({ id: users.id, prenom: users.prenom, nom: users.nom, email: users.email })
    .from(users)
    .where(eq(users.id, row.agentId));
  const authorisations = await q
    .select({ authorisation: mandatDemarches, statut: demarches.statut })
    .from(mandatDemarches)
    .leftJoin(demarches, eq(demarches.id, mandatDemarches.demarcheId))
    .where(eq(mandatDemarches.mandatId, row.id))
    .orderBy(asc(mandatDemarches.libelle));
  const donnees = await q
    .select({ key: mandatDonnees.donneeKey })
    .from(mandatDonnees)
    .where(eq(mandatDonnees.mandatId, row.id));
  const statut = mandatStatus(row, parisDay());
  const coversOpenDemarche = authorisations.some(
    ({ authorisation, statut: demarcheStatut }) =>
      !authorisation.revokedAt && demarcheStatut !== null && !isClosedStatut(demarcheStatut),
  );
  return {
    id: row.id,
    statut,
    renewable: isRenewable(statut, row.signedOn, coversOpenDemarche),
    structureId: row.structureId,
    structure: {
      nom: structure.nom,
      adresse: [structure.adresse, structure.complementAdresse].filter(Boolean).join(", "),
      codePostal: structure.codePostal,
      commune: communeLabel(structure.communeInsee).replace(/ \(\w+\)$/, ""),
      telephone: structure.telephone,
      email: structure.email,
    },
    usagerId: row.usagerId,
    mandant: { nom: row.mandantNom ?? "", prenom: row.mandantPrenom ?? "", commune: row.mandantCommune },
    mandataire: agent,
    lieu: row.lieu ?? "",
    identifiantsConnexion: row.identifiantsConnexion,
    donnees: donnees.map((donnee) => donnee.key as DonneeKey),
    authorisations: authorisations.map(({ authorisation, statut }) => ({
      id: authorisation.id,
      demarcheId: authorisation.demarcheId,
      libelle: authorisation.libelle ?? "",
      demarcheStatut: (statut as DemarcheStatut | null) ?? null,
      revokedAt: authorisation.revokedAt?.toISOString() ?? null,
      revocationReason: authorisation.revocationReason,
    })),
    verificationCode: formatVerificationCode(row.verificationCode),
    verificationUrl: appLink(`/verifier-mandat/${row.verificationCode}`),
    createdAt: row.createdAt.toISOString(),
    signedOn: row.signedOn,
    expiresOn: row.expiresOn,
    renewedAt: row.renewedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedOn: row.revokedOn,
    revocationReason: row.revocationReason,
  };
}

export async function getMandat(actor: Actor, id: string, context: RequestContext = {}): Promise<MandatDetail> {
  const row = await findMandat(actor, id);
  const detail = await loadMandatDetail(row);
  await auditPersonalData(
    actor,
    "mandat.viewed",
    { type: "mandat", id: row.id, structureId: row.structureId },
    context,
  );
  return detail;
}
