/**
 * The information notice the usager receives before a file is created (loi Informatique et
 * libertés art. 48 and 104, RGPD art. 13; convention art. 4.6): controller, purpose, recipients,
 * retention, rights. One text for the page and the printable PDF.
 */
export const NOTICE_TITLE = "Notice d’information sur vos données personnelles";

export type NoticeStructure = {
  nom: string;
  gestionnaireNom: string;
  adresse: string;
  telephone: string | null;
  email: string | null;
};

export type NoticeSection = { title: string; paragraphs: string[] };

export function noticeSections(
  structure: NoticeStructure,
  retention: { graceDays: number; mandatProofMonths: number },
): NoticeSection[] {
  const contact = [structure.adresse, structure.telephone, structure.email].filter(Boolean).join(" — ");
  const proofYears =
    retention.mandatProofMonths % 12 === 0
      ? `${retention.mandatProofMonths / 12} an${retention.mandatProofMonths === 12 ? "" : "s"}`
      : `${retention.mandatProofMonths} mois`;
  return [
    {
      title: "Qui est responsable de vos données ?",
      paragraphs: [
        `${structure.gestionnaireNom}, gestionnaire de la structure « ${structure.nom} », est responsable du traitement. Contact : ${contact}. Son délégué à la protection des données répond à toute question sur vos données.`,
      ],
    },
    {
      title: "Pourquoi ces données ?",
      paragraphs: [
        "Pour suivre vos démarches administratives jusqu’à leur terme : préparer votre dossier, vérifier qu’il est complet, le transmettre à l’organisme compétent, préparer vos rendez-vous. Si vous signez un mandat, pour agir en votre nom, pour les seules démarches que vous choisissez.",
        "Cette mission d’intérêt public est confiée aux France Services par la convention France Services (article 6, paragraphe 1, e du RGPD). Le mandat repose sur votre accord, que vous pouvez retirer à tout moment.",
      ],
    },
    {
      title: "Quelles données ?",
      paragraphs: [
        "Votre nom et votre prénom ; si vous le souhaitez, votre date de naissance, votre téléphone, votre adresse électronique et votre commune ; le suivi de vos démarches (pièces à fournir, étapes, rendez-vous). Seulement si une démarche l’exige, vos numéros auprès des organismes (allocataire, sécurité sociale, fiscal, France Travail), enregistrés chiffrés.",
        "Aucun document numérisé n’est conservé. Vos identifiants et mots de passe de connexion ne sont jamais enregistrés.",
      ],
    },
    {
      title: "Qui les reçoit ?",
      paragraphs: [
        "Les agents de la structure qui vous accompagnent, et l’organisme partenaire concerné par chaque démarche, pour les seules informations nécessaires à celle-ci. Vos données ne sont ni vendues, ni utilisées à des fins commerciales. Les statistiques de la structure sont anonymes.",
      ],
    },
    {
      title: "Combien de temps ?",
      paragraphs: [
        `Les données d’une démarche sont détruites ${retention.graceDays} jours après qu’elle est terminée ou abandonnée. Une démarche sans activité pendant 12 mois vous est signalée, puis close et détruite 30 jours plus tard. Votre fiche est détruite dès qu’aucune démarche en cours ni aucun mandat en vigueur n’en a besoin.`,
        `Un mandat terminé, révoqué ou expiré est conservé ${proofYears} pour servir de preuve, avec le minimum de données (vos nom et prénom, les démarches couvertes, les dates), puis détruit.`,
      ],
    },
    {
      title: "Quels sont vos droits ?",
      paragraphs: [
        "Vous pouvez accéder à vos données et en obtenir une copie, les faire rectifier, les faire effacer lorsqu’aucune règle de conservation ne s’y oppose, vous opposer à leur traitement ou en demander la limitation, et retirer votre mandat à tout moment. Adressez-vous à un agent de la structure ou au délégué à la protection des données.",
        "Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL), www.cnil.fr.",
      ],
    },
  ];
}
