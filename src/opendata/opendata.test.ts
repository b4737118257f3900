import {
  fromSchemaLieuxDeMediationNumerique,
  type SchemaLieuMediationNumerique,
  toSchemaLieuxDeMediationNumerique,
} from "@gouvfr-anct/lieux-de-mediation-numerique";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as lieuxLoader } from "../../app/routes/donnees-ouvertes.lieux-mediation-numerique";
import { loader as structuresLoader } from "../../app/routes/donnees-ouvertes.structures";
import { anonymousRequest, createTestStructure, createTestUser } from "../test/factories";
import { HOURS_NOTE, UNKNOWN_SIRET } from "./lieux-mediation-numerique";
import { HOURS_UNKNOWN, STRUCTURES_DATASET_COLUMNS } from "./structures-csv";

const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "" } }) as never;
const REFERENT_EMAIL = "referent.marqueur-4c1d@exemple.fr";
const AGENT_EMAIL = "agent.marqueur-4c1d@exemple.fr";

let metz: string;
let msap: string;
let antenne: string;
let closed: string;
let future: string;

beforeAll(async () => {
  metz = await createTestStructure({
    nom: "France Services de Metz",
    departement: "57",
    communeInsee: "57463",
    codePostal: "57000",
    adresse: "2 rue de la Gare",
    complementAdresse: "Bâtiment B",
    telephone: "03 87 00 00 00",
    email: "contact@fs-metz.exemple.fr",
    dateLabellisation: "2022-01-15",
  });
  msap = await createTestStructure({
    nom: "MSAP de Thionville",
    label: "msap",
    departement: "57",
    communeInsee: "57672",
    codePostal: "57100",
  });
  antenne = await createTestStructure({
    nom: "Antenne de Woippy",
    format: "antenne",
    parentStructureId: metz,
    departement: "57",
    communeInsee: "57751",
    codePostal: "57140",
  });
  closed = await createTestStructure({ nom: "France Services fermée", statut: "fermee" });
  future = await createTestStructure({ nom: "France Services bientôt ouverte", dateOuverture: "2999-01-01" });
  await createTestUser([{ role: "referent", partnerKey: "caf", departement: "57" }], { email: REFERENT_EMAIL });
  await createTestUser([{ role: "agent", structureId: metz }], { email: AGENT_EMAIL });
});

function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(";"));
}

describe("open data: Liste des structures France services", () => {
  it("has exactly the national dataset's columns, open structures only, hours and coordinates not invented", async () => {
    const response = (await structuresLoader(args(anonymousRequest("/donnees-ouvertes/structures.csv")))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "id_fs",
      "insee_dep",
      "lib_fs",
      "adresse",
      "complement_adresse",
      "insee_com",
      "code_postal",
      "lib_com",
      "latitude",
      "longitude",
      "mail",
      "telephone",
      "h_lundi",
      "h_mardi",
      "h_mercredi",
      "h_jeudi",
      "h_vendredi",
      "h_samedi",
      "prise_rdv",
      "type_fs",
      "format_fs",
      "labellisation_fs",
    ]);
    expect(header).toEqual([...STRUCTURES_DATASET_COLUMNS]);
    const byId = new Map(
      rows.map((row) => [row[0], Object.fromEntries(header.map((column, index) => [column, row[index]]))]),
    );
    expect([...byId.keys()].sort()).toEqual([metz, msap, antenne].sort());
    expect(byId.has(closed) || byId.has(future)).toBe(false);
    expect(byId.get(metz)).toMatchObject({
      insee_dep: "57",
      lib_fs: "France Services de Metz",
      adresse: "2 rue de la Gare",
      complement_adresse: "Bâtiment B",
      insee_com: "57463",
      code_postal: "57000",
      lib_com: "Metz",
      latitude: "",
      longitude: "",
      mail: "contact@fs-metz.exemple.fr",
      telephone: "03 87 00 00 00",
      h_lundi: HOURS_UNKNOWN,
      h_samedi: HOURS_UNKNOWN,
      type_fs: "France services",
      format_fs: "Fixe",
      labellisation_fs: "2022-01-15",
    });
    expect(byId.get(msap)!.type_fs).toBe("MSAP");
    expect(byId.get(antenne)!.format_fs).toBe("Antenne");
    expect(text).not.toContain(REFERENT_EMAIL);
    expect(text).not.toContain(AGENT_EMAIL);
  });
});

describe("open data: lieux de médiation numérique", () => {
  it("produces valid schema objects through the ANCT library, without hours and without referents", async () => {
    const response = (await lieuxLoader(
      args(anonymousRequest("/donnees-ouvertes/lieux-mediation-numerique.json")),
    )) as Response;
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(REFERENT_EMAIL);
    expect(text).not.toContain(AGENT_EMAIL);
    const lieux = JSON.parse(text) as SchemaLieuMediationNumerique[];
    expect(lieux.map((lieu) => lieu.id).sort()).toEqual([metz, msap, antenne].sort());
    // The library reads them back (it validates each field) and writes the same objects again.
    expect(toSchemaLieuxDeMediationNumerique(fromSchemaLieuxDeMediationNumerique(lieux))).toEqual(lieux);
    const fs = lieux.find((lieu) => lieu.id === metz)!;
    expect(fs).toMatchObject({
      nom: "France Services de Metz",
      pivot: UNKNOWN_SIRET,
      adresse: "2 rue de la Gare",
      complement_adresse: "Bâtiment B",
      code_postal: "57000",
      code_insee: "57463",
      commune: "Metz",
      telephone: "03 87 00 00 00",
      courriels: "contact@fs-metz.exemple.fr",
      source: "guichet",
      typologie: "RFS",
      dispositif_programmes_nationaux: "France Services",
      presentation_detail: HOURS_NOTE,
      itinerance: "Fixe",
      frais_a_charge: "Gratuit",
    });
    expect(fs.services).toContain("Aide aux démarches administratives");
    expect(fs).not.toHaveProperty("horaires");
    expect(lieux.find((lieu) => lieu.id === msap)).toMatchObject({ typologie: "MSAP" });
    expect(lieux.find((lieu) => lieu.id === antenne)).toMatchObject({ structure_parente: metz });
  });
  it("neutralises a structure name that a spreadsheet would run as a formula", async () => {
    await createTestStructure({ nom: '=HYPERLINK("https://evil.example";"Horaires")', departement: "57" });
    const response = (await structuresLoader(args(anonymousRequest("/donnees-ouvertes/structures.csv")))) as Response;
    const text = await response.text();
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"";""Horaires"")"`);
    expect(text).not.toMatch(/(^|;)=HYPERLINK/m);
  });
});
