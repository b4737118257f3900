import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { structures } from "../db/schema";
import { config } from "../platform/config.server";
import { renderPdf } from "../platform/pdf.server";
import { communeLabel } from "../territoire/territoire";
import { currentUsagerStructure } from "./create-usager.server";
import { NOTICE_TITLE, type NoticeSection, type NoticeStructure, noticeSections } from "./notice";

/** The notice of the structure the actor works in now (no personal data: it can be printed in advance). */
export async function structureNotice(
  actor: Actor,
): Promise<{ structure: NoticeStructure; sections: NoticeSection[] }> {
  const structureId = currentUsagerStructure(actor);
  const [row] = await db().select().from(structures).where(eq(structures.id, structureId));
  const structure: NoticeStructure = {
    nom: row.nom,
    gestionnaireNom: row.gestionnaireNom,
    adresse: [
      row.adresse,
      row.complementAdresse,
      `${row.codePostal} ${communeLabel(row.communeInsee).replace(/ \(\w+\)$/, "")}`,
    ]
      .filter(Boolean)
      .join(", "),
    telephone: row.telephone,
    email: row.email,
  };
  const { RETENTION_GRACE_DAYS, RETENTION_MANDAT_PROOF_MONTHS } = config();
  return {
    structure,
    sections: noticeSections(structure, {
      graceDays: RETENTION_GRACE_DAYS,
      mandatProofMonths: RETENTION_MANDAT_PROOF_MONTHS,
    }),
  };
}

export async function noticePdf(actor: Actor): Promise<Buffer> {
  const { structure, sections } = await structureNotice(actor);
  return renderPdf({ title: NOTICE_TITLE, structure: structure.nom, structureDetail: structure.adresse }, (writer) => {
    for (const section of sections) {
      writer.heading(section.title);
      for (const paragraph of section.paragraphs) writer.paragraph(paragraph);
    }
  });
}
