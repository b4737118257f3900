import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { CANAUX } from "../accueil/accueil.labels";
import { partnerName } from "../accueil/local-partners.server";
import { db } from "../db/client.server";
import {
  auditLog,
  demarcheActions,
  demarchePassages,
  demarchePieces,
  demarches,
  mandats,
  passages,
  structures,
  usagerIdentifiants,
} from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { ACTION_NATURES, DEMARCHE_STATUTS, PIECE_ETATS } from "../donnees-personnelles/demarches.labels";
import { DONNEES_AUTORISEES, MANDAT_STATUTS } from "../donnees-personnelles/mandats.labels";
import { loadMandatDetail, type MandatDetail } from "../mandats/get-mandat.server";
import { decrypt } from "../platform/encryption.server";
import { renderPdf } from "../platform/pdf.server";
import { frenchDate, frenchDateTime } from "../platform/time";
import { situationLabel } from "../referentiel/bouquet";
import { labelOf } from "../structures/structures.labels";
import { findUsager, identifiantAad } from "../usagers/get-usager.server";
import { identifiantLabel } from "../usagers/usagers.labels";

type Row = Record<string, unknown>;

export type UsagerExport = {
  exportGenereLe: string;
  structure: string;
  usager: Row;
  identifiants: Row[];
  demarches: Array<Row & { pieces: Row[]; passages: Row[]; actions: Row[] }>;
  mandats: Array<Omit<MandatDetail, "structure"> & { structure: string }>;
  journal: Array<{ le: string; action: string; objet: string | null; objetId: string | null }>;
};

const iso = (value: Date | null) => value?.toISOString() ?? null;

/**
 * Right of access: everything Guichet holds on one usager (file, identifiers in clear, démarches
 * with checklist, linked visits and actions, mandates, and the journal of accesses to them).
 * The export is journaled.
 */
export async function exportUsager(actor: Actor, id: string, context: RequestContext = {}): Promise<UsagerExport> {
  const usager = await findUsager(actor, id);
  const [structure] = await db()
    .select({ nom: structures.nom })
    .from(structures)
    .where(eq(structures.id, usager.structureId));
  const identifiants = await db()
    .select()
    .from(usagerIdentifiants)
    .where(eq(usagerIdentifiants.usagerId, usager.id))
    .orderBy(asc(usagerIdentifiants.type));
  const demarcheRows = await db()
    .select()
    .from(demarches)
    .where(and(eq(demarches.usagerId, usager.id), isNull(demarches.destroyedAt)))
    .orderBy(asc(demarches.createdAt));
  const demarcheIds = demarcheRows.map((row) => row.id);
  const [pieces, linked, actions] = demarcheIds.length
    ? await Promise.all([
        db()
          .select()
          .from(demarchePieces)
          .where(inArray(demarchePieces.demarcheId, demarcheIds))
          .orderBy(asc(demarchePieces.position)),
        db()
          .select({
            demarcheId: demarchePassages.demarcheId,
            passageId: passages.id,
            startedAt: passages.startedAt,
            canal: passages.canal,
          })
          .from(demarchePassages)
          .innerJoin(passages, eq(passages.id, demarchePassages.passageId))
          .where(inArray(demarchePassages.demarcheId, demarcheIds))
          .orderBy(asc(passages.startedAt)),
        db()
          .select()
          .from(demarcheActions)
          .where(inArray(demarcheActions.demarcheId, demarcheIds))
          .orderBy(asc(demarcheActions.at)),
      ])
    : [[], [], []];
  const mandatRows = await db()
    .select()
    .from(mandats)
    .where(and(eq(mandats.usagerId, usager.id), isNull(mandats.destroyedAt)))
    .orderBy(asc(mandats.createdAt));
  const mandatDetails = await Promise.all(mandatRows.map((row) => loadMandatDetail(row)));
  const targets = [
    and(eq(auditLog.targetType, "usager"), eq(auditLog.targetId, usager.id)),
    ...(demarcheIds.length ? [and(eq(auditLog.targetType, "demarche"), inArray(auditLog.targetId, demarcheIds))] : []),
    ...(mandatRows.length
      ? [
          and(
            eq(auditLog.targetType, "mandat"),
            inArray(
              auditLog.targetId,
              mandatRows.map((row) => row.id),
            ),
          ),
        ]
      : []),
    ...(identifiants.length
      ? [
          and(
            eq(auditLog.targetType, "usager_identifiant"),
            inArray(
              auditLog.targetId,
              identifiants.map((row) => row.id),
            ),
          ),
        ]
      : []),
  ];
  const journal = await db()
    .select({ at: auditLog.at, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId })
    .from(auditLog)
    .where(or(...targets))
    .orderBy(asc(auditLog.id));

  const result: UsagerExport = {
    exportGenereLe: new Date().toISOString(),
    structure: structure.nom,
    usager: {
      id: usager.id,
      nom: usager.nom,
      prenom: usager.prenom,
      dateNaissance: usager.dateNaissance,
      telephone: usager.telephone,
      email: usager.email,
      commune: usager.commune,
      noticeRemiseLe: iso(usager.noticeRemiseAt),
      creeLe: iso(usager.createdAt),
      modifieLe: iso(usager.updatedAt),
    },
    identifiants: identifiants.map((row) => ({
      id: row.id,
      type: row.type,
      libelle: identifiantLabel(row.type),
      valeur: decrypt(row.chiffre, identifiantAad(row.id)),
      demarcheId: row.demarcheId,
      enregistreLe: iso(row.createdAt),
    })),
    demarches: await Promise.all(
      demarcheRows.map(async (row) => ({
        id: row.id,
        titre: row.titre,
        partenaire: await partnerName(row),
        partenaireCode: row.partnerKey ?? row.partenaireLocalId,
        situation: row.situationKey ? situationLabel(row.situationKey) : null,
        situationCode: row.situationKey,
        statut: labelOf(DEMARCHE_STATUTS, row.statut),
        statutCode: row.statut,
        pourLeCompte: row.pourLeCompte,
        prochaineEtape: row.prochaineEtape,
        prochaineEtapeLe: row.prochaineEtapeLe,
        notes: row.notes,
        remarquesTransmission: row.remarquesTransmission,
        dossierCompletLe: iso(row.completAt),
        rendezVous: row.rdvAt
          ? {
              le: iso(row.rdvAt),
              lieu: row.rdvLieu,
              interlocuteur: row.rdvInterlocuteur,
              contact: row.rdvContact,
              remarques: row.rdvRemarques,
            }
          : null,
        ouverteLe: iso(row.createdAt),
        derniereActiviteLe: iso(row.lastActivityAt),
        closeLe: iso(row.closedAt),
        pieces: pieces
          .filter((piece) => piece.demarcheId === row.id)
          .map((piece) => ({
            id: piece.id,
            libelle: piece.libelle,
            etat: labelOf(PIECE_ETATS, piece.etat),
            etatCode: piece.etat,
            modifieeLe: iso(piece.updatedAt),
          })),
        passages: linked
          .filter((link) => link.demarcheId === row.id)
          .map((link) => ({ passageId: link.passageId, le: iso(link.startedAt), canal: labelOf(CANAUX, link.canal) })),
        actions: actions
          .filter((action) => action.demarcheId === row.id)
          .map((action) => ({
            le: iso(action.at),
            nature: labelOf(ACTION_NATURES, action.nature),
            mandatId: action.mandatId,
          })),
      })),
    ),
    mandats: mandatDetails.map((detail) => ({ ...detail, structure: detail.structure.nom })),
    journal: journal.map((entry) => ({
      le: entry.at.toISOString(),
      action: entry.action,
      objet: entry.targetType,
      objetId: entry.targetId,
    })),
  };
  await auditPersonalData(
    actor,
    "usager.exported",
    { type: "usager", id: usager.id, structureId: usager.structureId },
    context,
  );
  return result;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return frenchDateTime(new Date(value));
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return frenchDate(value);
  return String(value);
}

/** The same export, printable. */
export async function exportUsagerPdf(actor: Actor, id: string, context: RequestContext = {}): Promise<Buffer> {
  const data = await exportUsager(actor, id, context);
  const u = data.usager;
  return renderPdf({ title: "Vos données personnelles", structure: data.structure }, (writer) => {
    writer.paragraph(
      `Export généré le ${text(data.exportGenereLe)} : tout ce que la structure conserve sur vous dans Guichet.`,
      { muted: true },
    );
    writer.heading("Votre fiche");
    writer.fields([
      ["Nom", text(u.nom)],
      ["Prénom", text(u.prenom)],
      ["Date de naissance", text(u.dateNaissance)],
      ["Téléphone", text(u.telephone)],
      ["Adresse électronique", text(u.email)],
      ["Commune", text(u.commune)],
      ["Notice d’information remise le", text(u.noticeRemiseLe)],
      ["Fiche créée le", text(u.creeLe)],
      ["Dernière modification le", text(u.modifieLe)],
      ["Identifiant technique", text(u.id)],
    ]);
    if (data.identifiants.length) {
      writer.heading("Vos numéros auprès des organismes");
      writer.fields(data.identifiants.map((row) => [String(row.libelle), text(row.valeur)] as const));
    }
    for (const demarche of data.demarches) {
      writer.heading(`Démarche : ${demarche.titre}`);
      const rdv = demarche.rendezVous as Record<string, unknown> | null;
      writer.fields([
        ["Organisme", text(demarche.partenaire)],
        ["Situation", text(demarche.situation)],
        ["Statut", text(demarche.statut)],
        ["Réalisée pour votre compte", text(demarche.pourLeCompte)],
        [
          "Prochaine étape",
          [text(demarche.prochaineEtape), text(demarche.prochaineEtapeLe)].filter(Boolean).join(" — ") || null,
        ],
        ["Notes", text(demarche.notes)],
        ["Remarques pour l’organisme", text(demarche.remarquesTransmission)],
        ["Dossier complet le", text(demarche.dossierCompletLe)],
        [
          "Rendez-vous",
          rdv
            ? [text(rdv.le), text(rdv.lieu), text(rdv.interlocuteur), text(rdv.contact), text(rdv.remarques)]
                .filter(Boolean)
                .join(" — ")
            : null,
        ],
        ["Ouverte le", text(demarche.ouverteLe)],
        ["Dernière activité le", text(demarche.derniereActiviteLe)],
        ["Close le", text(demarche.closeLe)],
      ]);
      if (demarche.pieces.length) writer.list(demarche.pieces.map((piece) => `${piece.libelle} : ${piece.etat}`));
      if (demarche.passages.length)
        writer.list(demarche.passages.map((passage) => `Passage du ${text(passage.le)} (${passage.canal})`));
      if (demarche.actions.length)
        writer.list(demarche.actions.map((action) => `${text(action.le)} : ${action.nature}`));
    }
    for (const mandat of data.mandats) {
      writer.heading(`Mandat ${mandat.verificationCode}`);
      writer.fields([
        ["Statut", labelOf(MANDAT_STATUTS, mandat.statut)],
        ["Mandant", `${mandat.mandant.prenom} ${mandat.mandant.nom}`],
        ["Commune du mandant", mandat.mandant.commune],
        ["Mandataire", `${mandat.mandataire.prenom} ${mandat.mandataire.nom}`],
        ["Lieu", mandat.lieu],
        ["Créé le", text(mandat.createdAt)],
        ["Signé le", text(mandat.signedOn)],
        ["Valable jusqu’au", text(mandat.expiresOn)],
        ["Renouvelé le", text(mandat.renewedAt)],
        ["Révoqué le", text(mandat.revokedOn)],
        ["Motif de révocation", mandat.revocationReason],
        ["Codes de connexion couverts", text(mandat.identifiantsConnexion)],
      ]);
      writer.list([
        ...mandat.authorisations.map(
          (a) =>
            `Démarche : ${a.libelle}${a.revokedAt ? ` (retirée le ${text(a.revokedAt)}${a.revocationReason ? `, motif : ${a.revocationReason}` : ""})` : ""}`,
        ),
        ...mandat.donnees.map((key) => `Données : ${labelOf(DONNEES_AUTORISEES, key)}`),
      ]);
    }
    writer.heading("Consultations et modifications de vos données");
    writer.paragraph(
      "Chaque consultation, modification ou impression est enregistrée dans un journal qui ne contient aucune donnée personnelle, seulement des identifiants techniques.",
      { muted: true, size: 9.5 },
    );
    writer.list(data.journal.map((entry) => `${text(entry.le)} : ${entry.action}`));
  });
}
