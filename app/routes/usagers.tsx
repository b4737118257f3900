import { data, Form, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { readFormData } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { currentUsagerStructure } from "../../src/usagers/create-usager.server";
import { searchUsagers } from "../../src/usagers/search-usagers.server";
import { searchSchema } from "../../src/usagers/usagers.schema";
import { longDate } from "../components/format";
import { Notice } from "../components/forms/fields";
import { DsfrTable } from "../components/tables/DsfrTable";
import type { Route } from "./+types/usagers";

export const meta: Route.MetaFunction = () => [{ title: "Usagers — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  await orErrorPage(request, async () => currentUsagerStructure(actor));
  return { erased: new URL(request.url).searchParams.get("motif") === "efface" };
}

/** The search is a POST: a name never goes into an address (history, logs). */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const form = await readFormData(request);
  const parsed = searchSchema.safeParse({ q: form.get("q") ?? undefined });
  const q = parsed.success ? (parsed.data.q ?? "") : "";
  if (q.length < 2)
    return data({ q, results: null, error: "Saisissez au moins 2 lettres du nom ou du prénom." }, { status: 400 });
  const results = await orErrorPage(request, () =>
    searchUsagers(actor, q, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  return { q, results, error: null };
}

export default function Usagers({ loaderData }: Route.ComponentProps) {
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>Usagers</h1>
      <p>
        Une fiche n’est créée que lorsqu’un suivi l’exige (une démarche à mener jusqu’à son terme, un mandat). La
        recherche porte sur les fiches de votre structure ; chaque fiche ouverte est inscrite au journal.
      </p>
      {loaderData.erased && <Notice kind="success">La fiche a été effacée.</Notice>}
      <p>
        <a className="fr-btn fr-icon-add-line fr-btn--icon-left" href="/usagers/nouveau">
          Créer une fiche usager
        </a>
      </p>
      <Form method="post" role="search" aria-label="Rechercher un usager" className="fr-mb-4w">
        <div className={`fr-input-group${reply?.error ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor="recherche-usager">
            Nom ou prénom
            <span className="fr-hint-text">
              Les accents et l’ordre des mots ne comptent pas, par exemple « dupont mar ».
            </span>
          </label>
          <input
            className={`fr-input${reply?.error ? " fr-input--error" : ""}`}
            id="recherche-usager"
            name="q"
            type="search"
            autoComplete="off"
            defaultValue={reply?.q ?? ""}
            aria-describedby={reply?.error ? "recherche-usager-erreur" : undefined}
          />
          {reply?.error && (
            <p className="fr-error-text" id="recherche-usager-erreur">
              {reply.error}
            </p>
          )}
        </div>
        <button className="fr-btn fr-btn--secondary" type="submit">
          Rechercher
        </button>
      </Form>
      {reply?.results &&
        (reply.results.length === 0 ? (
          <p role="status">Aucune fiche ne correspond à « {reply.q} » dans votre structure.</p>
        ) : (
          <DsfrTable
            id="table-usagers"
            caption={`${reply.results.length} fiche${reply.results.length > 1 ? "s" : ""} trouvée${reply.results.length > 1 ? "s" : ""}`}
          >
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Date de naissance</th>
                <th scope="col">Commune</th>
              </tr>
            </thead>
            <tbody>
              {reply.results.map((usager) => (
                <tr key={usager.id}>
                  <td>
                    <a href={`/usagers/${usager.id}`}>
                      {usager.nom.toUpperCase()} {usager.prenom}
                    </a>
                  </td>
                  <td>{usager.dateNaissance ? longDate(usager.dateNaissance) : "Non renseignée"}</td>
                  <td>{usager.commune ?? "Non renseignée"}</td>
                </tr>
              ))}
            </tbody>
          </DsfrTable>
        ))}
    </>
  );
}
