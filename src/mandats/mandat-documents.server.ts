import QRCode from "qrcode";
import type { Actor } from "../acces/actor.server";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { DONNEES_AUTORISEES, DUTIES_OF_MANDATAIRE } from "../donnees-personnelles/mandats.labels";
import { AppError } from "../platform/app-error";
import { type PdfWriter, renderPdf } from "../platform/pdf.server";
import { frenchDate, parisDay } from "../platform/time";
import { labelOf } from "../structures/structures.labels";
import { findMandat, loadMandatDetail, type MandatDetail } from "./get-mandat.server";

const ORIGINALS = [
  "Exemplaire original du mandant (l’usager)",
  "Exemplaire original du mandataire (la structure)",
] as const;

function person(prenom: string, nom: string): string {
  return `${prenom} ${nom.toUpperCase()}`;
}

function structureLine(mandat: MandatDetail): string {
  return [
    mandat.structure.adresse,
    `${mandat.structure.codePostal} ${mandat.structure.commune}`,
    mandat.structure.telephone,
  ]
    .filter(Boolean)
    .join(" — ");
}

/** The text of the "mandat type" (003), filled in: parties, démarches, data, duties, validity. */
function writeMandat(pdf: PdfWriter, mandat: MandatDetail, original: string, qr: Buffer): void {
  const mandant = person(mandat.mandant.prenom, mandat.mandant.nom);
  const mandataire = person(mandat.mandataire.prenom, mandat.mandataire.nom);
  pdf.paragraph(original, { bold: true, muted: true, size: 9.5 });
  pdf.paragraph(
    "Mandat d’un aidant réalisant des démarches administratives au bénéfice d’une personne aidée (« mandat type »).",
    { muted: true, size: 9.5 },
  );
  pdf.heading("Le mandant");
  pdf.fields([
    ["Nom et prénom", mandant],
    ["Commune de résidence", mandat.mandant.commune],
  ]);
  pdf.heading("Le mandataire");
  pdf.fields([
    ["Nom et prénom", mandataire],
    ["Fonction", "Agent France Services"],
    ["Structure", mandat.structure.nom],
    ["Coordonnées de la structure", [structureLine(mandat), mandat.structure.email].filter(Boolean).join(" — ")],
  ]);
  pdf.paragraph(
    `${mandant} reconnaît avoir mandaté ${mandataire}, agent de la structure « ${mandat.structure.nom} », pour réaliser les démarches administratives suivantes le concernant :`,
  );
  pdf.list(
    mandat.authorisations.map((authorisation) =>
      authorisation.revokedAt
        ? `${authorisation.libelle} (révoquée le ${frenchDate(parisDay(new Date(authorisation.revokedAt)))})`
        : authorisation.libelle,
    ),
  );
  pdf.heading("Données personnelles autorisées");
  pdf.paragraph(
    `À cette fin, ${mandant} autorise ${mandataire} à utiliser ses données à caractère personnel suivantes :`,
  );
  pdf.list(mandat.donnees.map((key) => labelOf(DONNEES_AUTORISEES, key)));
  pdf.paragraph(
    mandat.identifiantsConnexion
      ? "Codes et identifiants de connexion : OUI, les codes et identifiants de connexion de l’usager sont inclus dans ces données. Guichet ne les enregistre jamais."
      : "Codes et identifiants de connexion : NON, les codes et identifiants de connexion de l’usager ne sont pas inclus dans ces données.",
    { bold: true },
  );
  pdf.paragraph(
    `${mandataire} a rappelé à ${mandant} : l’objet de l’intervention ; la raison pour laquelle ses informations sont collectées et leur utilité ; l’existence de droits sur ses données (accès, rectification, effacement, etc.) ; la possibilité de retirer à tout moment son consentement.`,
  );
  pdf.heading("Engagements du mandataire");
  pdf.paragraph(`${mandataire} s’engage à :`);
  pdf.list(DUTIES_OF_MANDATAIRE, { numbered: true });
  pdf.heading("Durée et révocation");
  pdf.paragraph(
    `Le présent mandat prend fin à compter de la réalisation des démarches précitées. À défaut, il est valable pour une durée d’un an renouvelable${mandat.signedOn ? `, jusqu’au ${frenchDate(mandat.expiresOn)} inclus` : " à compter de sa signature"}. Le mandant peut le retirer à tout moment.`,
  );
  pdf.paragraph(
    `Fait à ${mandat.lieu}, le ${mandat.signedOn ? frenchDate(mandat.signedOn) : "____ / ____ / ________"}, en deux exemplaires originaux, un pour chaque partie.`,
  );
  pdf.signatures([`Le mandant : ${mandant}`, `Le mandataire : ${mandataire}`]);
  pdf.image(qr, {
    size: 72,
    caption: `Code de vérification : ${mandat.verificationCode}\nValidité vérifiable à tout moment, sans donnée personnelle : ${mandat.verificationUrl}`,
  });
}

/** The mandate in two originals (one per party), with its verification code. The printing is journaled. */
export async function mandatDocumentPdf(
  actor: Actor,
  id: string,
  context: RequestContext = {},
): Promise<{ pdf: Buffer; filename: string }> {
  const row = await findMandat(actor, id);
  const mandat = await loadMandatDetail(row);
  const qr = await QRCode.toBuffer(mandat.verificationUrl, {
    type: "png",
    margin: 1,
    width: 240,
    errorCorrectionLevel: "M",
  });
  const pdf = await renderPdf(
    { title: "Mandat", structure: mandat.structure.nom, structureDetail: structureLine(mandat) },
    (writer) => {
      ORIGINALS.forEach((original, index) => {
        if (index > 0) writer.pageBreak().title("Mandat");
        writeMandat(writer, mandat, original, qr);
      });
    },
  );
  await auditPersonalData(
    actor,
    "mandat.printed",
    { type: "mandat", id: row.id, structureId: row.structureId },
    context,
  );
  return { pdf, filename: `mandat-${row.verificationCode}.pdf` };
}

/** The attestation of revocation (whole or partial), to hand to the usager. */
export async function revocationAttestationPdf(
  actor: Actor,
  id: string,
  context: RequestContext = {},
): Promise<{ pdf: Buffer; filename: string }> {
  const row = await findMandat(actor, id);
  const mandat = await loadMandatDetail(row);
  const revoked = mandat.authorisations.flatMap(({ revokedAt, ...authorisation }) =>
    revokedAt ? [{ ...authorisation, revokedAt }] : [],
  );
  if (!mandat.revokedAt && revoked.length === 0) throw new AppError("mandat.not_revoked", 409);
  const mandant = person(mandat.mandant.prenom, mandat.mandant.nom);
  const mandataire = person(mandat.mandataire.prenom, mandat.mandataire.nom);
  const pdf = await renderPdf(
    {
      title: "Attestation de révocation de mandat",
      structure: mandat.structure.nom,
      structureDetail: structureLine(mandat),
    },
    (writer) => {
      writer.fields([
        ["Mandat", `code de vérification ${mandat.verificationCode}`],
        ["Signé le", mandat.signedOn ? frenchDate(mandat.signedOn) : "signature non enregistrée"],
        ["Mandant", mandant],
        ["Mandataire", `${mandataire}, agent France Services, ${mandat.structure.nom}`],
      ]);
      if (mandat.revokedAt) {
        writer.paragraph(
          `${mandant} a retiré le mandat dans son ensemble le ${frenchDate(mandat.revokedOn ?? parisDay(new Date(mandat.revokedAt)))}.`,
          { bold: true },
        );
        writer.fields([["Motif", mandat.revocationReason]]);
      }
      if (revoked.length > 0) {
        writer.heading(mandat.revokedAt ? "Démarches retirées auparavant" : "Démarches retirées du mandat");
        writer.list(
          revoked.map(
            (authorisation) =>
              `${authorisation.libelle} — le ${frenchDate(parisDay(new Date(authorisation.revokedAt)))} (motif : ${authorisation.revocationReason ?? "non précisé"})`,
          ),
        );
      }
      writer.paragraph(
        "À compter de cette date, le mandataire n’agit plus au nom et pour le compte du mandant pour les démarches retirées. Les données personnelles utilisées pour ces démarches sont détruites selon les règles de conservation de la structure ; le mandat lui-même est conservé, avec le minimum de données, pour servir de preuve.",
      );
      writer.paragraph(`Vérification de l’état du mandat : ${mandat.verificationUrl}`, { muted: true, size: 9.5 });
      writer.signatures([`Le mandant : ${mandant}`, `Pour la structure : ${mandataire}`]);
    },
  );
  await auditPersonalData(
    actor,
    "mandat.attestation_printed",
    { type: "mandat", id: row.id, structureId: row.structureId },
    context,
  );
  return { pdf, filename: `attestation-revocation-${row.verificationCode}.pdf` };
}
