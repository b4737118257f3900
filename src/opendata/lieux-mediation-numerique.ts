import {
  Adresse,
  Contact,
  Courriel,
  DispositifProgrammeNational,
  DispositifProgrammesNationaux,
  Frais,
  FraisACharge,
  Id,
  Itinerance,
  Itinerances,
  type LieuMediationNumerique,
  ModaliteAcces,
  ModaliteAccompagnement,
  ModalitesAcces,
  ModalitesAccompagnement,
  Nom,
  Pivot,
  type SchemaLieuMediationNumerique,
  Service,
  Services,
  Typologie,
  Typologies,
  toSchemaLieuxDeMediationNumerique,
} from "@gouvfr-anct/lieux-de-mediation-numerique";
import type { OpenStructure } from "./structures-dataset.server";

/**
 * The open structures in the national schema of « lieux de médiation numérique », built through
 * the ANCT library (its constructors validate every field).
 * - pivot: Guichet does not hold SIRET numbers yet; the schema's documented value for an unknown
 *   SIRET is fourteen zeros, which the library accepts.
 * - horaires (OSM opening_hours): not known yet, so the field is left out, as the schema allows,
 *   and presentation_detail says so in words.
 * - contacts: the structure's own public telephone and e-mail only; the referents directory
 *   (partners' back-office contacts) never appears here.
 */
export const UNKNOWN_SIRET = "00000000000000";
export const SOURCE = "guichet";
export const HOURS_NOTE =
  "Horaires d’ouverture non encore renseignés dans Guichet : renseignez-vous auprès de la structure.";

const ITINERANT_FORMATS = ["bus", "itinerante"];

/** A field the library refuses (an unusual phone number or e-mail) is left out rather than failing the file. */
function optional<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}

function contactOf(structure: OpenStructure): LieuMediationNumerique["contact"] {
  const { telephone: numero, email } = structure;
  const telephone = numero ? optional(() => Contact({ telephone: numero }))?.telephone : undefined;
  const courriel = email ? optional(() => Courriel(email)) : undefined;
  if (!telephone && !courriel) return undefined;
  return Contact({ ...(telephone ? { telephone } : {}), ...(courriel ? { courriels: [courriel] } : {}) });
}

/** The lieu of one structure, or null when its address does not pass the schema's checks. */
export function lieuOf(structure: OpenStructure): LieuMediationNumerique | null {
  const adresse = optional(() =>
    Adresse({
      voie: structure.adresse,
      ...(structure.complementAdresse ? { complement_adresse: structure.complementAdresse } : {}),
      code_postal: structure.codePostal,
      code_insee: structure.communeInsee,
      commune: structure.communeNom,
    }),
  );
  if (!adresse) return null;
  const contact = contactOf(structure);
  const accessModes = [
    ModaliteAcces.SePresenter,
    ...(contact?.telephone ? [ModaliteAcces.Telephoner] : []),
    ...(contact?.courriels ? [ModaliteAcces.ContacterParMail] : []),
  ];
  return {
    id: Id(structure.id),
    pivot: Pivot(UNKNOWN_SIRET),
    nom: Nom(structure.nom),
    adresse,
    ...(contact ? { contact } : {}),
    typologies: Typologies([structure.label === "france_services" ? Typologie.RFS : Typologie.MSAP]),
    services: Services([
      Service.AideAuxDemarchesAdministratives,
      Service.AccesInternetEtMaterielInformatique,
      Service.MaitriseDesOutilsNumeriquesDuQuotidien,
    ]),
    presentation: {
      resume:
        structure.label === "france_services"
          ? "France Services : accueil, information et accompagnement dans les démarches administratives des partenaires nationaux."
          : "Maison de services au public : accueil, information et accompagnement dans les démarches administratives.",
      detail: HOURS_NOTE,
    },
    source: SOURCE,
    ...(structure.parentId ? { structure_parente: structure.parentId } : {}),
    date_maj: structure.updatedAt,
    frais_a_charge: FraisACharge([Frais.Gratuit]),
    itinerance: Itinerances([ITINERANT_FORMATS.includes(structure.format) ? Itinerance.Itinerant : Itinerance.Fixe]),
    modalites_acces: ModalitesAcces(accessModes),
    modalites_accompagnement: ModalitesAccompagnement([ModaliteAccompagnement.AccompagnementIndividuel]),
    ...(structure.label === "france_services"
      ? { dispositif_programmes_nationaux: DispositifProgrammesNationaux([DispositifProgrammeNational.FranceServices]) }
      : {}),
  };
}

export function lieuxMediationNumerique(list: OpenStructure[]): SchemaLieuMediationNumerique[] {
  return toSchemaLieuxDeMediationNumerique(
    list.map(lieuOf).filter((lieu): lieu is LieuMediationNumerique => lieu !== null),
  );
}
