import { count } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { requireOperator } from "../acces/operator";
import { createApiToken } from "../auth/api-tokens.server";
import { createUser, type RoleScope } from "../comptes/create-user.server";
import { db } from "../db/client.server";
import { users } from "../db/schema";
import { foldRollups } from "../pilotage/rollups.server";
import { createPartenaireLocal } from "../referentiel/create-partenaire-local.server";
import { seedDemoReferents } from "../saisines/seed-demo-referents.server";
import { createStructure } from "../structures/create-structure.server";
import { structureSchema } from "../structures/structures.schema";
import { generateActivity } from "./generate-activity.server";
import { seedDemoUsagers } from "./seed-demo-usagers.server";

/**
 * Demo data: fictional structures in Moselle (57) and fictional people. Nothing here comes from
 * the seed documents' real names, e-mails or phone numbers.
 */
export const DEMO_PASSWORD = "Guichet-demo-2026";
export const DEMO_DEPARTEMENT = "57";

export type DemoAccount = {
  email: string;
  prenom: string;
  nom: string;
  description: string;
  roles: (ids: DemoStructureIds) => RoleScope[];
};
type DemoStructureIds = { sarreguemines: string; msap: string; bus: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "agent@demo.guichet.test",
    prenom: "Léa",
    nom: "Marchal",
    description: "Agente France Services à Sarreguemines",
    roles: (s) => [{ role: "agent", structureId: s.sarreguemines }],
  },
  {
    email: "agent.itinerant@demo.guichet.test",
    prenom: "Hugo",
    nom: "Schmitt",
    description: "Agent du bus et de la MSAP (deux structures)",
    roles: (s) => [
      { role: "agent", structureId: s.bus },
      { role: "agent", structureId: s.msap },
    ],
  },
  {
    email: "responsable@demo.guichet.test",
    prenom: "Nadia",
    nom: "Keller",
    description: "Responsable de la France Services de Sarreguemines",
    roles: (s) => [{ role: "responsable", structureId: s.sarreguemines }],
  },
  {
    email: "responsable.msap@demo.guichet.test",
    prenom: "Paul",
    nom: "Weber",
    description: "Responsable de la MSAP et du bus",
    roles: (s) => [
      { role: "responsable", structureId: s.msap },
      { role: "responsable", structureId: s.bus },
    ],
  },
  {
    email: "referent.caf@demo.guichet.test",
    prenom: "Inès",
    nom: "Muller",
    description: "Référente CAF de la Moselle",
    roles: () => [{ role: "referent", partnerKey: "caf", departement: DEMO_DEPARTEMENT }],
  },
  {
    email: "referent.cpam@demo.guichet.test",
    prenom: "Julien",
    nom: "Becker",
    description: "Référent Assurance maladie de la Moselle",
    roles: () => [{ role: "referent", partnerKey: "assurance_maladie", departement: DEMO_DEPARTEMENT }],
  },
  {
    email: "referent.dgfip@demo.guichet.test",
    prenom: "Sophie",
    nom: "Klein",
    description: "Référente DGFiP de la Moselle",
    roles: () => [{ role: "referent", partnerKey: "dgfip", departement: DEMO_DEPARTEMENT }],
  },
  {
    email: "coordinateur@demo.guichet.test",
    prenom: "Marc",
    nom: "Hoffmann",
    description: "Coordinateur France Services à la préfecture de la Moselle",
    roles: () => [{ role: "coordinateur", departement: DEMO_DEPARTEMENT }],
  },
  {
    email: "national@demo.guichet.test",
    prenom: "Claire",
    nom: "Fontaine",
    description: "Pilotage national (ANCT)",
    roles: () => [{ role: "national" }],
  },
  {
    email: "admin@demo.guichet.test",
    prenom: "Thomas",
    nom: "Roux",
    description: "Administrateur technique",
    roles: () => [{ role: "admin" }],
  },
];

const DEMO_STRUCTURES = {
  sarreguemines: {
    nom: "France Services de Sarreguemines",
    label: "france_services",
    format: "fixe",
    gestionnaireType: "commune",
    gestionnaireNom: "Ville de Sarreguemines",
    adresse: "12 rue de la Paix",
    complementAdresse: "Rez-de-chaussée, entrée accessible PMR",
    codePostal: "57200",
    communeInsee: "57631",
    telephone: "03 00 00 00 01",
    email: "france-services@sarreguemines.demo.guichet.test",
    dateLabellisation: "2022-04-29",
    dateOuverture: "2022-05-09",
  },
  msap: {
    nom: "Maison de services au public du Pays de Volmunster",
    label: "msap",
    format: "fixe",
    gestionnaireType: "association",
    gestionnaireNom: "Association Vivre au Pays de Volmunster",
    adresse: "3 place de l’Église",
    codePostal: "57720",
    communeInsee: "57732",
    telephone: "03 00 00 00 02",
    email: "msap@volmunster.demo.guichet.test",
    dateLabellisation: "2017-09-01",
    dateOuverture: "2017-10-02",
  },
  bus: {
    nom: "France Services itinérante – bus du Saulnois",
    label: "france_services",
    format: "bus",
    gestionnaireType: "intercommunalite",
    gestionnaireNom: "Communauté de communes fictive du Saulnois",
    adresse: "Parking de la mairie, 1 rue du Général de Gaulle",
    codePostal: "57170",
    communeInsee: "57132",
    telephone: "03 00 00 00 03",
    email: "bus@saulnois.demo.guichet.test",
    dateLabellisation: "2021-01-15",
    dateOuverture: "2021-03-01",
  },
} as const;

export async function databaseIsEmpty(): Promise<boolean> {
  const [row] = await db().select({ n: count() }).from(users);
  return row.n === 0;
}

/** Loads the demo data through the same use cases as the UI. Run on an empty database only. */
export async function seedDemo(
  actor: Actor = requireOperator(),
  options: { activityDays?: number } = {},
): Promise<{ accounts: number; structures: number; passages: number }> {
  const ids = {} as DemoStructureIds;
  for (const [key, values] of Object.entries(DEMO_STRUCTURES)) {
    ids[key as keyof DemoStructureIds] = await createStructure(actor, structureSchema.parse(values));
  }
  for (const account of DEMO_ACCOUNTS) {
    await createUser(actor, {
      email: account.email,
      prenom: account.prenom,
      nom: account.nom,
      password: DEMO_PASSWORD,
      roles: account.roles(ids),
    });
  }
  await createPartenaireLocal(actor, {
    nom: "Mission locale fictive de l’Est mosellan",
    departement: DEMO_DEPARTEMENT,
    structureId: null,
  });
  await seedDemoUsagers("agent@demo.guichet.test");
  // One API token, so that "Mon compte" shows the list and its revoke button (its secret is never shown).
  await createApiToken({ email: "responsable@demo.guichet.test", name: "Tableur de suivi (démonstration)" });
  // Recent fictional activity, so that the day view and the dashboards show something real.
  let passages = 0;
  for (const [key, structureId] of Object.entries(ids)) {
    if (!options.activityDays) break;
    passages += (
      await generateActivity({
        structureId,
        days: options.activityDays,
        perDay: key === "sarreguemines" ? 12 : 5,
        seed: `demo-${key}`,
      })
    ).passages;
  }
  await foldRollups();
  await seedDemoReferents(actor);
  return { accounts: DEMO_ACCOUNTS.length, structures: Object.keys(DEMO_STRUCTURES).length, passages };
}
