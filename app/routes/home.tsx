import { requireUser } from "../../src/acces/guards.server";
import { homePage } from "../../src/pilotage/home-page.server";
import { STRUCTURE_FORMATS, STRUCTURE_LABELS, STRUCTURE_STATUTS } from "../../src/structures/structures.labels";
import type { Route } from "./+types/home";

export const meta: Route.MetaFunction = () => [{ title: "Accueil — Guichet" }];

/** Any signed-in user, even without a role in force; what the page shows comes from their permissions. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request);
  return homePage(actor);
}

type Data = Route.ComponentProps["loaderData"];

export default function Home({ loaderData }: Route.ComponentProps) {
  const data = loaderData;
  return (
    <>
      <h1>Bonjour {data.prenom}</h1>
      {data.ownStructures.length > 0 && <OwnStructures data={data} />}
      {data.referentScopes.length > 0 && <ReferentScope data={data} />}
      {data.coordinateurDepartements.length > 0 && (
        <WideStructures
          data={data}
          title={`Structures de vos départements : ${data.coordinateurDepartements.join(", ")}`}
        />
      )}
      {data.network && <NetworkSummary data={data} />}
      {data.admin && <AdminSummary counters={data.admin} />}
      {data.pendingInvitations > 0 && (
        <p>
          <a className="fr-link" href="/utilisateurs">
            {data.pendingInvitations} invitation{data.pendingInvitations > 1 ? "s" : ""} en attente d’acceptation
          </a>
        </p>
      )}
    </>
  );
}

function OwnStructures({ data }: { data: Data }) {
  return (
    <section className="fr-mb-6w">
      <h2>Mes structures</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        {data.ownStructures.map((structure) => (
          <div className="fr-col-12 fr-col-md-6" key={structure.id}>
            <div className="fr-card fr-enlarge-link">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title">
                    <a href={`/structures/${structure.id}`}>{structure.nom}</a>
                  </h3>
                  <p className="fr-card__desc">
                    {STRUCTURE_LABELS[structure.label as keyof typeof STRUCTURE_LABELS]} ·{" "}
                    {STRUCTURE_FORMATS[structure.format as keyof typeof STRUCTURE_FORMATS]} · {structure.communeLabel}
                  </p>
                  <div className="fr-card__start">
                    <ul className="fr-badges-group">
                      <li>
                        <p
                          className={`fr-badge fr-badge--sm ${structure.statut === "ouverte" ? "fr-badge--success" : "fr-badge--warning"}`}
                        >
                          {STRUCTURE_STATUTS[structure.statut as keyof typeof STRUCTURE_STATUTS]}
                        </p>
                      </li>
                      {structure.id === data.currentStructureId && (
                        <li>
                          <p className="fr-badge fr-badge--sm fr-badge--info">Structure courante</p>
                        </li>
                      )}
                    </ul>
                  </div>
                  <div className="fr-card__end">
                    <p className="fr-card__detail">
                      {structure.teamSize} membre{structure.teamSize > 1 ? "s" : ""} de l’équipe
                      {structure.isResponsable ? " · vous en êtes responsable" : ""}
                    </p>
                  </div>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

function ReferentScope({ data }: { data: Data }) {
  return (
    <section className="fr-mb-6w">
      <h2>Mon périmètre de référent</h2>
      <p>Vous êtes référent back-office pour les structures France Services des départements suivants :</p>
      <ul>
        {data.referentScopes.map((scope) => (
          <li key={`${scope.partenaire}-${scope.departement}`}>
            {scope.partenaire} — {scope.departement}
          </li>
        ))}
      </ul>
      <p>
        <a className="fr-link" href="/partenaires">
          Voir le bouquet de services et les situations de vos partenaires
        </a>
      </p>
    </section>
  );
}

function WideStructures({ data, title }: { data: Data; title: string }) {
  return (
    <section className="fr-mb-6w">
      <h2>{title}</h2>
      <StructuresTable rows={data.wideStructures} caption="Structures de votre périmètre" />
      <p>
        <a className="fr-btn fr-btn--secondary" href="/structures">
          Gérer les structures
        </a>
      </p>
    </section>
  );
}

function StructuresTable({ rows, caption }: { rows: Data["wideStructures"]; caption: string }) {
  return (
    <div className="fr-table fr-table--no-caption">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Structure</th>
            <th scope="col">Commune</th>
            <th scope="col">Label</th>
            <th scope="col">Format</th>
            <th scope="col">Statut</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((structure) => (
            <tr key={structure.id}>
              <td>
                <a href={`/structures/${structure.id}`}>{structure.nom}</a>
              </td>
              <td>{structure.communeLabel}</td>
              <td>{STRUCTURE_LABELS[structure.label as keyof typeof STRUCTURE_LABELS]}</td>
              <td>{STRUCTURE_FORMATS[structure.format as keyof typeof STRUCTURE_FORMATS]}</td>
              <td>{STRUCTURE_STATUTS[structure.statut as keyof typeof STRUCTURE_STATUTS]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NetworkSummary({ data }: { data: Data }) {
  const byDepartement = new Map<string, { label: string; total: number; ouvertes: number }>();
  for (const structure of data.wideStructures) {
    const entry = byDepartement.get(structure.departement) ?? {
      label: structure.departementLabel,
      total: 0,
      ouvertes: 0,
    };
    entry.total += 1;
    if (structure.statut === "ouverte") entry.ouvertes += 1;
    byDepartement.set(structure.departement, entry);
  }
  return (
    <section className="fr-mb-6w">
      <h2>Le réseau</h2>
      <p>
        {data.wideStructures.length} structure{data.wideStructures.length > 1 ? "s" : ""} dans {byDepartement.size}{" "}
        département
        {byDepartement.size > 1 ? "s" : ""}.
      </p>
      <div className="fr-table">
        <table>
          <caption>Structures par département</caption>
          <thead>
            <tr>
              <th scope="col">Département</th>
              <th scope="col">Structures</th>
              <th scope="col">Dont ouvertes</th>
            </tr>
          </thead>
          <tbody>
            {[...byDepartement.entries()].map(([code, entry]) => (
              <tr key={code}>
                <td>{entry.label}</td>
                <td>{entry.total}</td>
                <td>{entry.ouvertes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AdminSummary({ counters }: { counters: NonNullable<Data["admin"]> }) {
  return (
    <section className="fr-mb-6w">
      <h2>Administration technique</h2>
      <ul>
        <li>{counters.users} comptes actifs</li>
        <li>{counters.structures} structures</li>
        <li>{counters.sessions} sessions ouvertes</li>
        <li>
          <a href="/admin/journal">{counters.auditEntries} entrées dans le journal d’audit</a>
        </li>
        <li>
          <a href="/admin/outbox">{counters.outbox} courriels dans la boîte d’envoi locale</a>
        </li>
      </ul>
    </section>
  );
}
