import { describe, expect, it } from "vitest";
import {
  applyQuickPick,
  demandeFromSubmitted,
  demandesFromSubmitted,
  emptyDemande,
  situationsOffered,
  toggleHorsPartenaires,
  togglePartenaire,
  toggleSituation,
} from "./demande";

describe("the demand state of the accueil form", () => {
  it("a quick pick sets partner, situation and kind of help, and keeps what the agent already chose", () => {
    const chosen = {
      ...emptyDemande(),
      autonomie: "autonome",
      partenaires: ["dgfip"],
      situations: ["declarer_impots"],
      precision: "avis",
    };
    expect(
      applyQuickPick(chosen, { partenaire: "caf", situation: "allocation_logement", aide: "demarche_en_ligne" }),
    ).toEqual({
      ...chosen,
      partenaires: ["caf"],
      situations: ["allocation_logement"],
      aides: ["demarche_en_ligne"],
    });
  });

  it("unchecking a partner drops the situations it alone covered", () => {
    let values = {
      ...emptyDemande(),
      partenaires: ["caf", "msa"],
      situations: ["allocation_logement", "naissance", "affilie_msa"],
    };
    values = togglePartenaire(values, "caf", false);
    expect(values.situations).toEqual(["naissance", "affilie_msa"]);
    values = togglePartenaire(values, "msa", false);
    expect(values.situations).toEqual([]);
  });

  it("checking a situation none of the chosen partners deals with checks its first partner", () => {
    const values = toggleSituation({ ...emptyDemande(), partenaires: ["caf"] }, "rembourser_soins", true);
    expect(values.partenaires).toEqual(["caf", "assurance_maladie"]);
    expect(toggleSituation({ ...emptyDemande(), partenaires: ["msa"] }, "rembourser_soins", true).partenaires).toEqual([
      "msa",
    ]);
    expect(toggleSituation(emptyDemande(), "informations_jeunesse", true).partenaires).toEqual([]);
  });

  it("« hors partenaires » clears the partners and their situations; a partner clears « hors partenaires »", () => {
    const values = toggleHorsPartenaires(
      {
        ...emptyDemande(),
        partenaires: ["caf"],
        partenairesLocaux: ["l1"],
        situations: ["allocation_logement", "prendre_soin_sante"],
      },
      true,
    );
    expect(values).toMatchObject({
      horsPartenaires: true,
      partenaires: [],
      partenairesLocaux: [],
      situations: ["prendre_soin_sante"],
    });
    expect(togglePartenaire(values, "dgfip", true)).toMatchObject({ horsPartenaires: false, partenaires: ["dgfip"] });
  });

  it("offers the chosen partners' situations, the local ones with a local partner, and anything already checked", () => {
    expect([...situationsOffered(emptyDemande())]).toEqual([]);
    expect([...situationsOffered({ ...emptyDemande(), partenaires: ["france_titres"] })].sort()).toEqual([
      "deplacement",
      "papiers_identite",
    ]);
    const withLocal = situationsOffered({
      ...emptyDemande(),
      partenairesLocaux: ["l1"],
      situations: ["declarer_impots"],
    });
    expect(withLocal.has("situation_handicap")).toBe(true);
    expect(withLocal.has("declarer_impots")).toBe(true);
    expect(withLocal.has("allocation_logement")).toBe(false);
  });

  it("reads a submitted demand whatever its shape", () => {
    expect(
      demandeFromSubmitted({
        partenaires: "caf",
        situations: ["allocation_logement", 3],
        horsPartenaires: "on",
        autonomie: ["x"],
        precision: 12,
      }),
    ).toEqual({
      ...emptyDemande(),
      partenaires: ["caf"],
      situations: ["allocation_logement"],
      horsPartenaires: true,
    });
    expect(demandeFromSubmitted(null)).toEqual(emptyDemande());
    expect(demandesFromSubmitted({ sollicitations: "x" })).toBeNull();
    expect(demandesFromSubmitted({ sollicitations: Array.from({ length: 50 }, () => ({})) })).toHaveLength(20);
  });
});
