import { eq } from "drizzle-orm";
import { loadActor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { users } from "../db/schema";
import { createDemarche } from "../demarches/create-demarche.server";
import { createDemarcheSchema } from "../demarches/demarches.schema";
import { createMandat } from "../mandats/create-mandat.server";
import { createMandatSchema } from "../mandats/mandats.schema";
import { recordSignature } from "../mandats/record-signature.server";
import { parisDay, shiftDay } from "../platform/time";
import { createUsager } from "../usagers/create-usager.server";
import { createUsagerSchema } from "../usagers/usagers.schema";

/**
 * Demo usagers of the Sarreguemines structure, created by its demo agent through the use cases:
 * fictional people, a démarche with its checklist and a signed mandate. No partner identifier
 * (storing one needs an encryption key).
 */
export async function seedDemoUsagers(agentEmail: string): Promise<void> {
  const [agent] = await db().select({ id: users.id }).from(users).where(eq(users.email, agentEmail));
  const actor = agent ? await loadActor(agent.id, { via: "session" }) : null;
  if (!actor) return;
  const germaine = await createUsager(
    actor,
    createUsagerSchema.parse({
      nom: "Fictive",
      prenom: "Germaine",
      dateNaissance: "1947-05-12",
      commune: "Sarreguemines",
      noticeRemise: true,
    }),
  );
  const demarche = await createDemarche(
    actor,
    createDemarcheSchema.parse({
      usagerId: germaine,
      titre: "Demande de pension de réversion",
      partenaire: "assurance_retraite",
      situationKey: "preparer_retraite",
      pourLeCompte: true,
      prochaineEtape: "Vérifier les pièces apportées",
      prochaineEtapeLe: shiftDay(parisDay(), -1),
      pieces: "Acte de décès du conjoint\nLivret de famille\nDernier avis d’imposition\nRelevé d’identité bancaire",
    }),
  );
  const mandat = await createMandat(
    actor,
    createMandatSchema.parse({
      usagerId: germaine,
      demarches: [demarche],
      donnees: ["etat_civil", "situation_familiale", "ressources"],
      lieu: "Sarreguemines",
      identiteVerifiee: true,
    }),
  );
  await recordSignature(actor, mandat, parisDay());
  const albert = await createUsager(
    actor,
    createUsagerSchema.parse({
      nom: "Démo",
      prenom: "Albert",
      telephone: "06 00 00 00 00",
      commune: "Sarreguemines",
      noticeRemise: true,
    }),
  );
  await createDemarche(
    actor,
    createDemarcheSchema.parse({
      usagerId: albert,
      titre: "Renouvellement de carte d’identité",
      partenaire: "france_titres",
      situationKey: "papiers_identite",
      prochaineEtapeLe: shiftDay(parisDay(), 7),
      pieces: "Photo d’identité\nJustificatif de domicile",
    }),
  );
}
