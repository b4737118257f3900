import { describe, expect, it } from "vitest";
import { type LinkedMandat, mandateGap } from "./mandate-gap";

const mandat = (statut: LinkedMandat["statut"], authorisationRevoked = false, id = statut): LinkedMandat => ({
  id,
  statut,
  authorisationRevoked,
});

describe("mandateGap: what is missing before a saisine about a named usager", () => {
  it("nothing when a valid mandate covers the démarche", () => {
    expect(mandateGap([mandat("expire"), mandat("valide")], false)).toBeNull();
  });
  it("a valid mandate withdrawn for this démarche does not count", () => {
    expect(mandateGap([mandat("valide", true)], false)).toEqual({ kind: "retire", mandatId: "valide" });
  });
  it("a mandate drawn up and not signed comes first: signing it is the quickest fix", () => {
    expect(mandateGap([mandat("expire"), mandat("en_attente_signature")], true)).toEqual({
      kind: "non_signe",
      mandatId: "en_attente_signature",
    });
  });
  it("expired, then ended, then revoked", () => {
    expect(mandateGap([mandat("revoque"), mandat("termine"), mandat("expire")], false)?.kind).toBe("expire");
    expect(mandateGap([mandat("revoque"), mandat("termine")], false)?.kind).toBe("termine");
    expect(mandateGap([mandat("revoque")], false)?.kind).toBe("retire");
  });
  it("no mandate on the démarche: another of the usager's mandates, or none at all", () => {
    expect(mandateGap([], true)).toEqual({ kind: "autre_demarche", mandatId: null });
    expect(mandateGap([], false)).toEqual({ kind: "aucun", mandatId: null });
  });
});
