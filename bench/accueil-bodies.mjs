// Realistic bodies for POST /api/v1/passages: the most frequent demands of a France Services
// (France Titres, CAF, Assurance maladie, DGFiP, Assurance retraite), one to three per passage.
const demande = (partner, situation, aides, extra = {}) => ({
  partenaires: [partner],
  situations: [situation],
  aides,
  autonomie: "partiellement",
  issue: "resolu_sur_place",
  ...extra,
});

export function passageBodies() {
  return [
    {
      canal: "accueil_physique",
      trancheAge: "65_74",
      sollicitations: [demande("france_titres", "papiers_identite", ["demarche_en_ligne"])],
    },
    {
      canal: "accueil_physique",
      equipements: ["imprimante"],
      sollicitations: [
        demande("caf", "allocation_logement", ["demarche_en_ligne", "dossier_administratif"]),
        demande("assurance_maladie", "rembourser_soins", ["information"], { autonomie: "autonome" }),
      ],
    },
    {
      canal: "telephone",
      sollicitations: [demande("dgfip", "declarer_impots", ["information"], { autonomie: "autonome" })],
    },
    {
      canal: "accueil_physique",
      avecRdv: true,
      dureeMinutes: 30,
      genre: "femme",
      sollicitations: [
        demande("assurance_retraite", "preparer_retraite", ["dossier_administratif"], {
          autonomie: "entierement",
          signalements: ["difficulte_numerique"],
        }),
      ],
    },
    {
      canal: "accueil_physique",
      premiereVisite: true,
      sollicitations: [
        demande("france_titres", "deplacement", ["demarche_en_ligne"]),
        demande("caf", "difficultes_financieres", ["mise_en_relation"], { issue: "rdv_partenaire" }),
        demande("dgfip", "declarer_impots", ["information"]),
      ],
    },
  ].map((body) => JSON.stringify(body));
}
