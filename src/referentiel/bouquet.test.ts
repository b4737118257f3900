import { describe, expect, it } from "vitest";
import { isTypeAide, TYPE_AIDE_KEYS, TYPES_AIDE, typeAideLabel } from "./aides";
import { BOUQUET, domaineOf, isSituation, SITUATION_KEYS, situationLabel, situationsOfPartner } from "./bouquet";
import { isPartenaireNational, PARTENAIRE_KEYS, partenaireLabel } from "./partenaires";

describe("bouquet de services", () => {
  it("uses only known national partners", () => {
    for (const domaine of BOUQUET) {
      for (const situation of domaine.situations) {
        for (const partner of situation.partenaires)
          expect(isPartenaireNational(partner), `${situation.key}: ${partner}`).toBe(true);
      }
    }
  });

  it("has unique domain and situation keys, in snake_case", () => {
    const domaines = BOUQUET.map((d) => d.key);
    expect(new Set(domaines).size).toBe(domaines.length);
    const situations = BOUQUET.flatMap((d) => d.situations.map((s) => s.key));
    expect(new Set(situations).size).toBe(situations.length);
    expect(SITUATION_KEYS).toEqual(situations);
    for (const key of [...domaines, ...situations]) expect(key).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it("lists the six domains and nineteen situations of the bouquet, worded as in the seed", () => {
    expect(BOUQUET.map((d) => d.label)).toEqual([
      "Formation, emploi et retraite",
      "Prévention santé",
      "État civil et famille",
      "Justice",
      "Budget",
      "Logement, mobilité et courrier",
    ]);
    expect(SITUATION_KEYS).toHaveLength(19);
    expect(situationLabel("preparer_retraite")).toBe("Je prépare ma retraite");
    expect(situationLabel("papiers_identite")).toBe("J’établis mes papiers d’identité");
    expect(situationLabel("victime_infraction")).toBe("Je suis victime d’une infraction");
    // Typographic apostrophes only.
    for (const domaine of BOUQUET) for (const s of domaine.situations) expect(s.label).not.toContain("'");
  });

  it("puts every national partner in at least one situation", () => {
    for (const partner of PARTENAIRE_KEYS) expect(situationsOfPartner(partner).length, partner).toBeGreaterThan(0);
  });

  it("ties the situations to the partners the seed names", () => {
    expect(situationsOfPartner("france_titres").map((s) => s.key)).toEqual(["papiers_identite", "deplacement"]);
    expect(situationsOfPartner("dgfip").map((s) => s.key)).toEqual(["declarer_impots"]);
    expect(situationsOfPartner("la_poste").map((s) => s.key)).toEqual(["service_postal"]);
    expect(situationsOfPartner("caf").map((s) => s.key)).toEqual([
      "perte_proche",
      "naissance",
      "difficultes_financieres",
      "allocation_logement",
    ]);
    expect(situationsOfPartner("unknown")).toEqual([]);
  });

  it("finds the domain of a situation and degrades gracefully on unknown keys", () => {
    expect(domaineOf("chercher_emploi")).toEqual({
      key: "formation_emploi_retraite",
      label: "Formation, emploi et retraite",
    });
    expect(domaineOf("energie")?.key).toBe("logement_mobilite_courrier");
    expect(domaineOf("toString")).toBeNull();
    expect(situationLabel("inconnue")).toBe("inconnue");
    expect(isSituation("naissance")).toBe(true);
    expect(isSituation("constructor")).toBe(false);
    expect(isPartenaireNational("toString")).toBe(false);
    expect(partenaireLabel("dgfip")).toBe("DGFiP");
  });
});

describe("types d’aide", () => {
  it("has the five kinds of help of the accord cadre", () => {
    expect(TYPE_AIDE_KEYS).toEqual([
      "information",
      "mise_en_relation",
      "demarche_en_ligne",
      "outils_numeriques",
      "dossier_administratif",
    ]);
    expect(typeAideLabel("information")).toBe("Information de premier niveau");
    expect(isTypeAide("toString")).toBe(false);
    for (const label of Object.values(TYPES_AIDE)) expect(label).not.toContain("'");
  });
});
