import { requirePermission } from "../../src/acces/guards.server";
import { type DemarcheListItem, listDemarches } from "../../src/demarches/list-demarches.server";
import { DEMARCHE_STATUTS } from "../../src/donnees-personnelles/demarches.labels";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { labelOf } from "../../src/structures/structures.labels";
import { longDate } from "../components/format";
import { DsfrTable } from "../components/tables/DsfrTable";
import { StatusBadge } from "../components/usagers/fields";
import type { Route } from "./+types/demarches";

export const meta: Route.MetaFunction = () => [{ title: "Démarches — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  return listDemarches(actor, { ip: clientIp(request), userAgent: userAgent(request) });
}

function DemarchesTable({ id, caption, items }: { id: string; caption: string; items: DemarcheListItem[] }) {
  return (
    <DsfrTable id={id} caption={caption}>
      <thead>
        <tr>
          <th scope="col">Démarche</th>
          <th scope="col">Usager</th>
          <th scope="col">Statut</th>
          <th scope="col">Prochaine étape</th>
          <th scope="col">Agent en charge</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <a href={`/demarches/${item.id}`}>{item.titre}</a>
              {item.partenaire ? ` (${item.partenaire})` : ""}
            </td>
            <td>
              <a href={`/usagers/${item.usagerId}`}>{item.usagerNom}</a>
            </td>
            <td>
              {labelOf(DEMARCHE_STATUTS, item.statut)}
              {item.inactive && <StatusBadge kind="warning">Sans activité depuis 12 mois</StatusBadge>}
            </td>
            <td>
              {item.prochaineEtape ?? ""}
              {item.prochaineEtapeLe
                ? `${item.prochaineEtape ? " — " : ""}${longDate(item.prochaineEtapeLe)}`
                : item.prochaineEtape
                  ? ""
                  : "—"}
            </td>
            <td>{item.agentNom}</td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}

export default function Demarches({ loaderData }: Route.ComponentProps) {
  const { aFaire, enCours } = loaderData;
  return (
    <>
      <h1>Démarches</h1>
      <p>
        Une démarche se suit jusqu’à son terme. Pour en ouvrir une, partez de la fiche de l’usager :{" "}
        <a className="fr-link" href="/usagers">
          rechercher un usager
        </a>
        .
      </p>
      <h2>À faire</h2>
      {aFaire.length === 0 ? (
        <p>Rien à faire aujourd’hui : aucune de vos démarches n’a atteint la date de sa prochaine étape.</p>
      ) : (
        <DemarchesTable
          id="table-a-faire"
          caption={`${aFaire.length} démarche${aFaire.length > 1 ? "s" : ""} dont la prochaine étape est arrivée`}
          items={aFaire}
        />
      )}
      <h2>En cours dans la structure</h2>
      {enCours.length === 0 ? (
        <p>Aucune démarche en cours.</p>
      ) : (
        <DemarchesTable id="table-en-cours" caption="Démarches en cours dans votre structure" items={enCours} />
      )}
    </>
  );
}
