import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { roleAssignments, users } from "../db/schema";
import { partenaireLabel } from "../referentiel/partenaires";
import { createReferentGroup } from "./create-referent-group.server";
import { referentGroupSchema } from "./saisines.schema";
import { setGroupMember } from "./set-group-member.server";

/** Demo directory: one group per demo referent, covering their whole département, through the use cases. */
export async function seedDemoReferents(actor: Actor): Promise<number> {
  const referents = await db()
    .select({ userId: users.id, partnerKey: roleAssignments.partnerKey, departement: roleAssignments.departement })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(eq(roleAssignments.role, "referent"));
  for (const referent of referents) {
    if (!referent.partnerKey || !referent.departement) continue;
    const label = partenaireLabel(referent.partnerKey);
    const groupId = await createReferentGroup(
      actor,
      referentGroupSchema.parse({
        departement: referent.departement,
        partnerKey: referent.partnerKey,
        nom: `${label} ${referent.departement} – partenariats France Services`,
        mailbox: `partenariats.${referent.partnerKey.replace(/_/g, "-")}${referent.departement}@demo.guichet.test`,
        emergencyPhones: "03 87 00 00 00 (fictif)",
        instructions: `Écrire « France Services » dans l’objet. Données fictives de démonstration.`,
        coversWholeDepartement: true,
        structureIds: [],
      }),
    );
    await setGroupMember(actor, groupId, {
      userId: referent.userId,
      fonction: "Référent partenaires France Services",
      telephoneDirect: "03 87 00 00 01",
      domaines: "Toutes prestations",
    });
  }
  return referents.length;
}
