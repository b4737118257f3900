import { requirePermission } from "../../src/acces/guards.server";
import { rolesGrant } from "../../src/acces/permissions";
import { partenaireLabel } from "../../src/referentiel/partenaires";
import { listSaisines } from "../../src/saisines/list-saisines.server";
import { STATUS_LABELS, URGENCE_LABELS, type Urgence } from "../../src/saisines/status";
import { longDateTime } from "../components/format";
import { DsfrTable } from "../components/tables/DsfrTable";
import { StatusBadge } from "../components/usagers/fields";
import type { Route } from "./+types/saisines";

export const meta: Route.MetaFunction = () => [{ title: "Saisines — Guichet" }];

/** Agents: their structures' saisines; referents: only those addressed to their groups. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "saisine:read");
  const items = await listSaisines(actor);
  return {
    canCreate: rolesGrant(actor.roles, "saisine:create"),
    items: items.map((item) => ({
      id: item.id,
      objet: item.objet ?? "(données détruites)",
      partenaire: partenaireLabel(item.partnerKey),
      urgence: URGENCE_LABELS[item.urgence as Urgence] ?? item.urgence,
      structureNom: item.structureNom,
      createdAt: item.createdAt.toISOString(),
      statut: STATUS_LABELS[item.state.status],
      awaiting: item.state.awaiting,
      dueAt: item.deadline.dueAt?.toISOString() ?? null,
      late: item.deadline.late,
      dueSoon: item.deadline.dueSoon,
    })),
  };
}

export default function Saisines({ loaderData }: Route.ComponentProps) {
  const { items, canCreate } = loaderData;
  return (
    <>
      <h1>Saisines des partenaires</h1>
      <p>
        Une saisine transmet une situation complexe au référent du partenaire. Les délais se comptent en jours ouvrés (9
        h – 17 h, hors week-ends et jours fériés du département).
      </p>
      {canCreate && (
        <p>
          <a className="fr-btn fr-btn--secondary" href="/saisines/nouvelle">
            Nouvelle saisine
          </a>
        </p>
      )}
      {items.length === 0 ? (
        <p>Aucune saisine.</p>
      ) : (
        <DsfrTable id="table-saisines" caption={`${items.length} saisine${items.length > 1 ? "s" : ""}`}>
          <thead>
            <tr>
              <th scope="col">Objet</th>
              <th scope="col">Partenaire</th>
              <th scope="col">Structure</th>
              <th scope="col">Urgence</th>
              <th scope="col">Statut</th>
              <th scope="col">Échéance</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`/saisines/${item.id}`}>{item.objet}</a>
                </td>
                <td>{item.partenaire}</td>
                <td>{item.structureNom}</td>
                <td>{item.urgence}</td>
                <td>{item.statut}</td>
                <td>
                  {item.dueAt ? longDateTime(item.dueAt) : "—"}
                  {item.late && <StatusBadge kind="error">En retard</StatusBadge>}
                  {item.dueSoon && <StatusBadge kind="warning">Échéance &lt; 24 h</StatusBadge>}
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
    </>
  );
}
