import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { demarches } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import { isClosedStatut } from "../donnees-personnelles/demarches.labels";
import { requireActiveMandate } from "../mandats/require-active-mandate.server";
import { syncMandatEnds } from "../mandats/sync-mandat-end.server";
import { AppError } from "../platform/app-error";
import { activity, changeDemarche } from "./change-demarche.server";
import type { SuiviInput } from "./demarches.schema";
import { structureAgents } from "./get-demarche.server";

/**
 * Status, next step, agent in charge, notes. Closing records the date (the retention grace starts);
 * reopening clears it. On a démarche done "pour le compte" of the usager, handing it to the partner
 * is an action in the usager's name: it needs an active mandate.
 */
export async function updateSuivi(
  actor: Actor,
  id: string,
  input: SuiviInput,
  context: RequestContext = {},
): Promise<void> {
  await changeDemarche(actor, id, context, async (tx, row, now) => {
    if (!(await structureAgents(row.structureId, tx)).some((agent) => agent.id === input.agentId))
      throw new AppError("demarche.agent_invalid", 400, "agentId");
    if (row.pourLeCompte && input.statut === "attente_partenaire" && row.statut !== "attente_partenaire") {
      await requireActiveMandate(actor, row.usagerId, row.id, tx, now);
    }
    const closing = isClosedStatut(input.statut);
    await tx
      .update(demarches)
      .set({
        statut: input.statut,
        closedAt: closing ? (row.closedAt ?? now) : null,
        agentId: input.agentId,
        prochaineEtape: input.prochaineEtape,
        prochaineEtapeLe: input.prochaineEtapeLe,
        notes: input.notes,
        remarquesTransmission: input.remarquesTransmission,
        ...activity(now),
      })
      .where(eq(demarches.id, row.id));
    if (closing !== isClosedStatut(row.statut)) await syncMandatEnds(tx, { demarcheIds: [row.id] }, now);
  });
}
