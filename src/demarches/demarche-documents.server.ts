import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { partnerName } from "../accueil/local-partners.server";
import { db } from "../db/client.server";
import { structures, usagers, users } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { PIECE_ETATS } from "../donnees-personnelles/demarches.labels";
import { AppError } from "../platform/app-error";
import { renderPdf } from "../platform/pdf.server";
import { frenchDate, longFrenchDay, parisClock, parisDay } from "../platform/time";
import { situationLabel } from "../referentiel/bouquet";
import { labelOf } from "../structures/structures.labels";
import { communeLabel } from "../territoire/territoire";
import { findDemarche, piecesOf } from "./get-demarche.server";

async function context(actor: Actor, id: string) {
  const row = await findDemarche(actor, id);
  const [structure] = await db().select().from(structures).where(eq(structures.id, row.structureId));
  const [usager] = await db().select().from(usagers).where(eq(usagers.id, row.usagerId));
  const [agent] = await db()
    .select({ prenom: users.prenom, nom: users.nom, email: users.email })
    .from(users)
    .where(eq(users.id, row.agentId));
  const address = [
    structure.adresse,
    structure.complementAdresse,
    `${structure.codePostal} ${communeLabel(structure.communeInsee).replace(/ \(\w+\)$/, "")}`,
  ]
    .filter(Boolean)
    .join(", ");
  return { row, structure, usager, agent, address, partner: await partnerName(row), pieces: await piecesOf(row.id) };
}

/**
 * The fiche de transmission (commitment 3): it travels with the paper file to the partner once the
 * agent has checked that the file is complete. Pieces, agent and structure contacts, remarks.
 */
export async function ficheTransmissionPdf(
  actor: Actor,
  id: string,
  requestContext: RequestContext = {},
): Promise<{ pdf: Buffer; filename: string }> {
  const { row, structure, usager, agent, address, partner, pieces } = await context(actor, id);
  const { completAt } = row;
  if (!completAt) throw new AppError("demarche.not_complete", 409);
  const pdf = await renderPdf(
    { title: "Fiche de transmission", structure: structure.nom, structureDetail: address },
    (writer) => {
      writer.fields([
        ["Destinataire", partner ?? "Partenaire à préciser"],
        ["Démarche", row.titre],
        ["Situation", row.situationKey ? situationLabel(row.situationKey) : null],
        [
          "Usager",
          `${usager.prenom} ${usager.nom.toUpperCase()}${usager.dateNaissance ? `, né(e) le ${frenchDate(usager.dateNaissance)}` : ""}`,
        ],
        ["Dossier vérifié complet le", frenchDate(parisDay(completAt))],
      ]);
      writer.heading("Pièces jointes au dossier papier");
      writer.checklist(
        pieces.map((piece) => ({
          label: piece.libelle,
          state: labelOf(PIECE_ETATS, piece.etat),
          checked: piece.etat === "verifie",
        })),
      );
      if (pieces.length === 0) writer.paragraph("Aucune pièce justificative n’est demandée pour cette démarche.");
      writer.heading("Remarques utiles");
      writer.paragraph(row.remarquesTransmission ?? "Aucune remarque.");
      writer.heading("Votre contact à la France Services");
      writer.fields([
        ["Agent", `${agent.prenom} ${agent.nom}`],
        ["Adresse électronique de l’agent", agent.email],
        ["Structure", structure.nom],
        ["Adresse", address],
        ["Téléphone", structure.telephone],
        ["Adresse électronique", structure.email],
      ]);
      writer.paragraph(
        "Cette fiche accompagne le dossier papier. Aucune copie numérique des pièces n’est conservée par la France Services.",
        { muted: true, size: 9.5 },
      );
    },
  );
  await auditPersonalData(
    actor,
    "demarche.fiche_printed",
    { type: "demarche", id: row.id, structureId: row.structureId },
    requestContext,
  );
  return { pdf, filename: "fiche-de-transmission.pdf" };
}

/**
 * The appointment sheet for the usager (commitment 5): place, time, the person met and their
 * public contact, the pieces to bring.
 */
export async function rendezVousPdf(
  actor: Actor,
  id: string,
  requestContext: RequestContext = {},
): Promise<{ pdf: Buffer; filename: string }> {
  const { row, structure, usager, agent, address, partner, pieces } = await context(actor, id);
  const { rdvAt } = row;
  if (!rdvAt) throw new AppError("demarche.rdv_missing", 409);
  const pdf = await renderPdf(
    { title: "Préparer votre rendez-vous", structure: structure.nom, structureDetail: address },
    (writer) => {
      writer.paragraph(
        `${usager.prenom} ${usager.nom.toUpperCase()}, voici les informations de votre rendez-vous pour la démarche « ${row.titre} ».`,
      );
      writer.fields([
        ["Le", `${longFrenchDay(parisDay(rdvAt))} à ${parisClock(rdvAt)}`],
        ["Lieu", row.rdvLieu],
        ["Organisme", partner],
        ["Personne rencontrée", row.rdvInterlocuteur],
        ["Contact", row.rdvContact],
      ]);
      writer.heading("Documents à apporter");
      if (pieces.length === 0) writer.paragraph("Aucune pièce particulière n’est demandée.");
      else writer.checklist(pieces.map((piece) => ({ label: piece.libelle, state: "à apporter", checked: false })));
      if (row.rdvRemarques) {
        writer.heading("À savoir");
        writer.paragraph(row.rdvRemarques);
      }
      writer.heading("Votre France Services");
      writer.fields([
        ["Agent", `${agent.prenom} ${agent.nom}`],
        ["Adresse", address],
        ["Téléphone", structure.telephone],
      ]);
      writer.paragraph("En cas d’empêchement, prévenez l’organisme ou votre France Services.", {
        muted: true,
        size: 9.5,
      });
    },
  );
  await auditPersonalData(
    actor,
    "demarche.rdv_printed",
    { type: "demarche", id: row.id, structureId: row.structureId },
    requestContext,
  );
  return { pdf, filename: "rendez-vous.pdf" };
}
