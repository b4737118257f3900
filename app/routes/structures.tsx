import { Form } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { rolesGrant } from "../../src/acces/permissions";
import { listStructureDepartements, listStructures } from "../../src/structures/list-structures.server";
import {
  labelOf,
  optionsOf,
  STRUCTURE_FORMATS,
  STRUCTURE_LABELS,
  STRUCTURE_STATUTS,
} from "../../src/structures/structures.labels";
import { structureFiltersFromUrl } from "../../src/structures/structures.schema";
import { communeByInsee, departementLabel } from "../../src/territoire/territoire";
import type { Route } from "./+types/structures";

export const meta: Route.MetaFunction = () => [{ title: "Structures — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "structure:read");
  const filters = structureFiltersFromUrl(new URL(request.url));
  const [rows, departements] = await Promise.all([listStructures(actor, filters), listStructureDepartements(actor)]);
  return {
    filters,
    canWrite: rolesGrant(actor.roles, "structure:write"),
    departements: departements.map((code) => ({ value: code, label: departementLabel(code) })),
    structures: rows.map((row) => ({
      ...row,
      communeNom: communeByInsee(row.communeInsee)?.nom ?? row.communeInsee,
      departementLabel: departementLabel(row.departement),
    })),
  };
}

export default function Structures({ loaderData }: Route.ComponentProps) {
  const { filters, canWrite, departements, structures } = loaderData;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <h1>Structures</h1>
      {canWrite && (
        <p>
          <a className="fr-btn fr-icon-add-line fr-btn--icon-left" href="/structures/nouvelle">
            Ajouter une structure
          </a>
        </p>
      )}
      <Form method="get" className="fr-mb-4w" role="search" aria-label="Filtrer les structures">
        <fieldset className="fr-fieldset" aria-labelledby="filtres-legende">
          <legend className="fr-fieldset__legend" id="filtres-legende">
            Filtrer les structures
          </legend>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="filtre-q">
                Nom contient
              </label>
              <input className="fr-input" id="filtre-q" name="q" type="search" defaultValue={filters.q ?? ""} />
            </div>
          </div>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <FilterSelect
              id="filtre-departement"
              name="departement"
              label="Département"
              value={filters.departement}
              options={departements}
            />
          </div>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <FilterSelect
              id="filtre-label"
              name="label"
              label="Label"
              value={filters.label}
              options={optionsOf(STRUCTURE_LABELS)}
            />
          </div>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <FilterSelect
              id="filtre-statut"
              name="statut"
              label="Statut"
              value={filters.statut}
              options={optionsOf(STRUCTURE_STATUTS)}
            />
          </div>
          <div className="fr-fieldset__element">
            <ul className="fr-btns-group fr-btns-group--inline-sm">
              <li>
                <button className="fr-btn fr-btn--secondary" type="submit">
                  Filtrer
                </button>
              </li>
              {filtered && (
                <li>
                  <a className="fr-btn fr-btn--tertiary" href="/structures">
                    Effacer les filtres
                  </a>
                </li>
              )}
            </ul>
          </div>
        </fieldset>
      </Form>
      {structures.length === 0 ? (
        <p>{filtered ? "Aucune structure ne correspond à ces critères." : "Aucune structure dans votre périmètre."}</p>
      ) : (
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>
              {structures.length} structure{structures.length > 1 ? "s" : ""}{" "}
              {filtered ? "correspondant aux critères" : "dans votre périmètre"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Commune</th>
                <th scope="col">Département</th>
                <th scope="col">Label</th>
                <th scope="col">Format</th>
                <th scope="col">Statut</th>
              </tr>
            </thead>
            <tbody>
              {structures.map((structure) => (
                <tr key={structure.id}>
                  <td>
                    <a href={`/structures/${structure.id}`}>{structure.nom}</a>
                  </td>
                  <td>{structure.communeNom}</td>
                  <td>{structure.departementLabel}</td>
                  <td>{labelOf(STRUCTURE_LABELS, structure.label)}</td>
                  <td>{labelOf(STRUCTURE_FORMATS, structure.format)}</td>
                  <td>{labelOf(STRUCTURE_STATUTS, structure.statut)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function FilterSelect({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
      <select className="fr-select" id={id} name={name} defaultValue={value ?? ""}>
        <option value="">Tous</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
