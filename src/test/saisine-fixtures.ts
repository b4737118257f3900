/** Test helpers of the saisines tests (never imported by the app). */
import type { Actor } from "../acces/actor.server";
import { requireOperator } from "../acces/operator";
import { createReferentGroup } from "../saisines/create-referent-group.server";
import { referentGroupSchema } from "../saisines/saisines.schema";
import { setGroupMember } from "../saisines/set-group-member.server";
import { createTestUser, testActor } from "./factories";

export async function newGroup(
  departement: string,
  partnerKey: string,
  options: { structureIds?: string[]; whole?: boolean; nom?: string; firstAnswerDays?: number } = {},
): Promise<string> {
  return createReferentGroup(
    requireOperator(),
    referentGroupSchema.parse({
      departement,
      partnerKey,
      nom: options.nom ?? `${partnerKey.toUpperCase()} ${departement} – partenariats`,
      mailbox: `${partnerKey}-${departement}-${Math.random().toString(36).slice(2, 8)}@partenaire.test`,
      coversWholeDepartement: options.whole ?? !options.structureIds,
      structureIds: options.structureIds ?? [],
      emergencyPhones: "03 87 00 00 00",
      firstAnswerDays: options.firstAnswerDays ?? 3,
    }),
  );
}

/** A referent user of a partner and département, member of the group. */
export async function newReferent(
  groupId: string,
  partnerKey: string,
  departement: string,
): Promise<{ actor: Actor; userId: string; email: string }> {
  const { userId, email } = await createTestUser([{ role: "referent", partnerKey, departement }]);
  await setGroupMember(requireOperator(), groupId, { userId, fonction: "Chargée de partenariats" });
  return { actor: await testActor(userId), userId, email };
}
