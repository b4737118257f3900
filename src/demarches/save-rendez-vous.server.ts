import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { demarches } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import { parisInstant } from "../platform/time";
import { activity, changeDemarche } from "./change-demarche.server";
import type { RendezVousInput } from "./demarches.schema";

/** Prepares a partner appointment (commitment 5): place, time (Paris), person met, public contact. */
export async function saveRendezVous(
  actor: Actor,
  id: string,
  input: RendezVousInput,
  context: RequestContext = {},
): Promise<void> {
  await changeDemarche(
    actor,
    id,
    context,
    async (tx, row, now) => {
      const [hours, minutes] = input.rdvAt.slice(11, 16).split(":").map(Number);
      await tx
        .update(demarches)
        .set({
          rdvAt: parisInstant(input.rdvAt.slice(0, 10), hours * 60 + minutes),
          rdvLieu: input.rdvLieu,
          rdvInterlocuteur: input.rdvInterlocuteur,
          rdvContact: input.rdvContact,
          rdvRemarques: input.rdvRemarques,
          ...activity(now),
        })
        .where(eq(demarches.id, row.id));
    },
    { openOnly: true },
  );
}
