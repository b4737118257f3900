import type { ReactNode } from "react";
import { requirePermission } from "../../src/acces/guards.server";
import { rolesGrant } from "../../src/acces/permissions";
import { ROLE_LABELS } from "../../src/acces/roles";
import { requireStructure } from "../../src/structures/get-structure.server";
import { listStructureTeam } from "../../src/structures/list-structure-team.server";
import {
  GESTIONNAIRE_TYPES,
  labelOf,
  STRUCTURE_FORMATS,
  STRUCTURE_LABELS,
  STRUCTURE_STATUTS,
} from "../../src/structures/structures.labels";
import { communeByInsee, departementLabel } from "../../src/territoire/territoire";
import { longDate } from "../components/format";
import { Notice } from "../components/forms/fields";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/structures.$id";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.structure.nom ?? "Structure"} — Guichet` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "structure:read");
  const id = routeId(request, params);
  const structure = await requireStructure(request, actor, id);
  const team = await listStructureTeam(actor, structure.id);
  const commune = communeByInsee(structure.communeInsee);
  return {
    structure: {
      id: structure.id,
      nom: structure.nom,
      label: structure.label,
      format: structure.format,
      statut: structure.statut,
      parentStructureId: structure.parentStructureId,
      parentNom: structure.parentNom,
      gestionnaireType: structure.gestionnaireType,
      gestionnaireNom: structure.gestionnaireNom,
      adresse: structure.adresse,
      complementAdresse: structure.complementAdresse,
      codePostal: structure.codePostal,
      communeInsee: structure.communeInsee,
      communeNom: commune?.nom ?? structure.communeInsee,
      departement: departementLabel(structure.departement),
      telephone: structure.telephone,
      email: structure.email,
      dateLabellisation: structure.dateLabellisation,
      dateOuverture: structure.dateOuverture,
    },
    team,
    canWrite: rolesGrant(actor.roles, "structure:write"),
    /** Her own structure's responsable edits its public contacts. */
    canWriteContacts: actor.responsableStructureIds.includes(structure.id),
    saved: new URL(request.url).searchParams.get("enregistre") === "1",
  };
}

function formatDate(day: string | null): string {
  return day ? longDate(day) : "Non renseignée";
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

export default function Structure({ loaderData }: Route.ComponentProps) {
  const { structure, team, canWrite, canWriteContacts, saved } = loaderData;
  return (
    <>
      <p>
        <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/structures">
          Toutes les structures
        </a>
      </p>
      <h1>{structure.nom}</h1>
      {saved && (
        <Notice kind="success">{`La structure a été enregistrée. Commune : ${structure.communeNom} (code INSEE ${structure.communeInsee}), département ${structure.departement}.`}</Notice>
      )}
      {!canWrite && canWriteContacts && (
        <p>
          <a
            className="fr-btn fr-btn--secondary fr-icon-edit-line fr-btn--icon-left"
            href={`/structures/${structure.id}/modifier`}
          >
            Modifier les coordonnées publiques
          </a>
        </p>
      )}
      {canWrite && (
        <p>
          <a
            className="fr-btn fr-btn--secondary fr-icon-edit-line fr-btn--icon-left"
            href={`/structures/${structure.id}/modifier`}
          >
            Modifier
          </a>
        </p>
      )}
      <div className="fr-table fr-table--bordered">
        <table>
          <caption>Fiche de la structure</caption>
          <tbody>
            <Row label="Label">{labelOf(STRUCTURE_LABELS, structure.label)}</Row>
            <Row label="Format">{labelOf(STRUCTURE_FORMATS, structure.format)}</Row>
            {structure.parentStructureId && (
              <Row label="Structure principale">
                <a href={`/structures/${structure.parentStructureId}`}>{structure.parentNom}</a>
              </Row>
            )}
            <Row label="Statut">{labelOf(STRUCTURE_STATUTS, structure.statut)}</Row>
            <Row label="Gestionnaire">
              {structure.gestionnaireNom} ({labelOf(GESTIONNAIRE_TYPES, structure.gestionnaireType)})
            </Row>
            <Row label="Adresse">
              {structure.adresse}
              {structure.complementAdresse && (
                <>
                  <br />
                  {structure.complementAdresse}
                </>
              )}
              <br />
              {structure.codePostal} {structure.communeNom}
            </Row>
            <Row label="Commune">
              {structure.communeNom} (code INSEE {structure.communeInsee})
            </Row>
            <Row label="Département">{structure.departement}</Row>
            <Row label="Téléphone">{structure.telephone ?? "Non renseigné"}</Row>
            <Row label="Adresse électronique">{structure.email ?? "Non renseignée"}</Row>
            <Row label="Date de labellisation">{formatDate(structure.dateLabellisation)}</Row>
            <Row label="Date d’ouverture">{formatDate(structure.dateOuverture)}</Row>
          </tbody>
        </table>
      </div>
      {team && (
        <section className="fr-mt-4w">
          <h2>Équipe</h2>
          {team.length === 0 ? (
            <p>Aucun agent ni responsable n’est rattaché à cette structure.</p>
          ) : (
            <ul>
              {team.map((member, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a list read once from the server; members carry no id (homonyms may share a name and role)
                <li key={`${member.role}-${index}`}>
                  {member.prenom} {member.nom} — {ROLE_LABELS[member.role]}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
