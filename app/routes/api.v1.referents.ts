import { requirePermission } from "../../src/acces/guards.server";
import { apiHandler } from "../../src/platform/api.server";
import { listDirectory } from "../../src/saisines/list-directory.server";
import type { Route } from "./+types/api.v1.referents";

/** GET /api/v1/referents: the referents directory for the caller's covered structures (never public). */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "referents:read");
  return apiHandler(async () =>
    Response.json(
      (await listDirectory(actor)).map((group) => ({
        id: group.id,
        departement: group.departement,
        partenaire: group.partnerKey,
        nom: group.nom,
        boiteMail: group.mailbox,
        numerosUrgence: group.emergencyPhones,
        consignes: group.instructions,
        toutLeDepartement: group.coversWholeDepartement,
        structures: group.structureIds,
        delaiPremiereReponseJoursOuvres: group.firstAnswerDays,
        delaiResolutionJoursOuvres: group.resolutionDays,
        confirmeLe: group.lastConfirmedAt.toISOString(),
        membres: group.members.map((m) => ({
          prenom: m.prenom,
          nom: m.nom,
          email: m.email,
          fonction: m.fonction,
          telephone: m.telephoneDirect,
          domaines: m.domaines,
        })),
      })),
    ),
  );
}
