import { describe, expect, it } from "vitest";
import { db } from "../db/client.server";
import { refPartenaires, refSituationPartenaires, refSituations, refTypesAide } from "../db/schema";
import { TYPE_AIDE_KEYS } from "./aides";
import { BOUQUET } from "./bouquet";
import { PARTENAIRE_KEYS } from "./partenaires";

/** The database mirrors of the reference keys must never drift from the code. */
describe("reference tables", () => {
  it("hold exactly the keys of src/referentiel", async () => {
    expect((await db().select().from(refPartenaires)).map((row) => row.key).sort()).toEqual(
      [...PARTENAIRE_KEYS].sort(),
    );
    expect((await db().select().from(refTypesAide)).map((row) => row.key).sort()).toEqual([...TYPE_AIDE_KEYS].sort());
    const situations = BOUQUET.flatMap((domaine) =>
      domaine.situations.map((situation) => `${situation.key}/${domaine.key}`),
    ).sort();
    expect((await db().select().from(refSituations)).map((row) => `${row.key}/${row.domaineKey}`).sort()).toEqual(
      situations,
    );
    const links = BOUQUET.flatMap((domaine) =>
      domaine.situations.flatMap((situation) =>
        (situation.partenaires as readonly string[]).map((partner) => `${situation.key}/${partner}`),
      ),
    ).sort();
    expect(
      (await db().select().from(refSituationPartenaires)).map((row) => `${row.situationKey}/${row.partnerKey}`).sort(),
    ).toEqual(links);
  });
});
