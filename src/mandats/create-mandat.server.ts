import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { partnerName } from "../accueil/local-partners.server";
import { db } from "../db/client.server";
import { demarches, mandatDemarches, mandatDonnees, mandats, usagers } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { CLOSED_STATUTS } from "../donnees-personnelles/demarches.labels";
import { validUntil } from "../donnees-personnelles/mandats.rules";
import { AppError } from "../platform/app-error";
import { parisDay } from "../platform/time";
import { findUsager } from "../usagers/get-usager.server";
import type { CreateMandatInput } from "./mandats.schema";

/** Crockford's base32: no I, L, O, U; easy to read aloud and to type. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A 12-character code (60 bits): printed on the mandate, it proves nothing but its status. */
export function newVerificationCode(): string {
  const bytes = randomBytes(12);
  return [...bytes].map((byte) => ALPHABET[byte & 31]).join("");
}

/** "ABCD-EFGH-JKMN" as printed; lookups accept any case, spaces and dashes. */
export function formatVerificationCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join("-");
}

export function normalizeVerificationCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/**
 * Creates a mandate (003 "mandat type") for open démarches of one usager: one authorisation row per
 * démarche, one row per category of data. The mandant's name is copied for proof. It becomes valid
 * once the agent records the paper signature date.
 */
export async function createMandat(
  actor: Actor,
  input: CreateMandatInput,
  context: RequestContext = {},
): Promise<string> {
  return db().transaction(async (tx) => {
    const usager = await findUsager(actor, input.usagerId, tx).catch(() => {
      throw new AppError("usager.not_found", 404, "usagerId");
    });
    const now = new Date();
    const chosen = await tx
      .select()
      .from(demarches)
      .where(
        and(
          inArray(demarches.id, input.demarches),
          eq(demarches.usagerId, usager.id),
          isNull(demarches.destroyedAt),
          notInArray(demarches.statut, [...CLOSED_STATUTS]),
        ),
      );
    if (chosen.length !== new Set(input.demarches).size)
      throw new AppError("mandat.demarches_required", 400, "demarches");
    const [row] = await tx
      .insert(mandats)
      .values({
        structureId: usager.structureId,
        usagerId: usager.id,
        agentId: actor.userId,
        mandantNom: usager.nom,
        mandantPrenom: usager.prenom,
        mandantCommune: usager.commune,
        lieu: input.lieu,
        identifiantsConnexion: input.identifiantsConnexion,
        verificationCode: newVerificationCode(),
        createdAt: now,
        expiresOn: validUntil(parisDay(now)),
      })
      .returning({ id: mandats.id });
    const ordered = input.demarches.map((id) => {
      const demarche = chosen.find((candidate) => candidate.id === id);
      // Only a destroyed démarche has no title, and destroyed ones are not chosen.
      if (!demarche?.titre) throw new AppError("mandat.demarches_required", 400, "demarches");
      return { ...demarche, titre: demarche.titre };
    });
    const libelles = await Promise.all(
      ordered.map(async (demarche) => {
        const partner = await partnerName(demarche, tx);
        return partner ? `${demarche.titre} (${partner})` : demarche.titre;
      }),
    );
    await tx
      .insert(mandatDemarches)
      .values(
        ordered.map((demarche, index) => ({ mandatId: row.id, demarcheId: demarche.id, libelle: libelles[index] })),
      );
    await tx
      .insert(mandatDonnees)
      .values([...new Set(input.donnees)].map((donneeKey) => ({ mandatId: row.id, donneeKey })));
    await tx.update(usagers).set({ updatedAt: now }).where(eq(usagers.id, usager.id));
    await auditPersonalData(
      actor,
      "mandat.created",
      { type: "mandat", id: row.id, structureId: usager.structureId },
      context,
      tx,
    );
    return row.id;
  });
}
