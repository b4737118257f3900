import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requirePermission, requireUser } from "../../src/acces/guards.server";
import { rolesGrant } from "../../src/acces/permissions";
import { departementScope } from "../../src/acces/tenant-scope.server";
import { parseForm } from "../../src/platform/form.server";
import { TYPES_AIDE } from "../../src/referentiel/aides";
import { BOUQUET } from "../../src/referentiel/bouquet";
import { createPartenaireLocal } from "../../src/referentiel/create-partenaire-local.server";
import { listPartenaires } from "../../src/referentiel/list-partenaires.server";
import { partenaireLabel } from "../../src/referentiel/partenaires";
import { partenaireLocalSchema } from "../../src/referentiel/referentiel.schema";
import { listStructures } from "../../src/structures/list-structures.server";
import { allDepartements, departementLabel } from "../../src/territoire/territoire";
import { FormErrors, InputField, Notice, SelectField } from "../components/forms/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/partenaires";

export const meta: Route.MetaFunction = () => [{ title: "Partenaires et bouquet de services — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireUser(request);
  const { nationaux, locaux } = await listPartenaires(actor);
  const canAdd = rolesGrant(actor.roles, "partenaire_local:write");
  const scope = departementScope(actor);
  const departements = canAdd ? (scope === "all" ? allDepartements().map((d) => d.code) : scope) : [];
  const structures = canAdd ? await listStructures(actor) : [];
  return {
    nationaux,
    locaux: locaux.map((p) => ({ ...p, departementLabel: departementLabel(p.departement) })),
    canAdd,
    departements: departements.map((code) => ({ value: code, label: departementLabel(code) })),
    structures: structures.map((s) => ({ value: s.id, label: `${s.nom} (${s.departement})` })),
    added: new URL(request.url).searchParams.get("ajoute") === "1",
  };
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "partenaire_local:write");
  const { submission } = await parseForm(request, partenaireLocalSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () => createPartenaireLocal(actor, submission.value));
  if (!result.ok) return result.response;
  return redirect("/partenaires?ajoute=1#partenaires-locaux");
}

export default function Partenaires({ loaderData }: Route.ComponentProps) {
  const { nationaux, locaux, canAdd, added } = loaderData;
  return (
    <>
      <h1>Partenaires et bouquet de services</h1>
      <nav className="fr-summary fr-mb-4w" aria-labelledby="sommaire-titre">
        <p className="fr-summary__title" id="sommaire-titre">
          Sommaire
        </p>
        <ol className="fr-summary__list">
          <li>
            <a className="fr-summary__link" href="#partenaires-nationaux">
              Partenaires nationaux
            </a>
          </li>
          <li>
            <a className="fr-summary__link" href="#partenaires-locaux">
              Partenaires locaux
            </a>
          </li>
          <li>
            <a className="fr-summary__link" href="#bouquet">
              Bouquet de services
            </a>
          </li>
          <li>
            <a className="fr-summary__link" href="#types-aide">
              Les cinq types d’aide
            </a>
          </li>
        </ol>
      </nav>

      <section className="fr-mb-6w">
        <h2 id="partenaires-nationaux">Partenaires nationaux</h2>
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>Les {nationaux.length} partenaires nationaux de France Services</caption>
            <thead>
              <tr>
                <th scope="col">Partenaire</th>
                <th scope="col">Nom complet</th>
              </tr>
            </thead>
            <tbody>
              {nationaux.map((partenaire) => (
                <tr key={partenaire.key}>
                  <td>{partenaire.label}</td>
                  <td>{partenaire.nomLong}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="fr-mb-6w">
        <h2 id="partenaires-locaux">Partenaires locaux</h2>
        {added && <Notice kind="success">Le partenaire local a été ajouté.</Notice>}
        {locaux.length === 0 ? (
          <p>Aucun partenaire local dans votre périmètre.</p>
        ) : (
          <div className="fr-table fr-table--bordered">
            <table>
              <caption>Partenaires locaux de votre périmètre</caption>
              <thead>
                <tr>
                  <th scope="col">Partenaire</th>
                  <th scope="col">Département</th>
                  <th scope="col">Intervient</th>
                </tr>
              </thead>
              <tbody>
                {locaux.map((partenaire) => (
                  <tr key={partenaire.id}>
                    <td>{partenaire.nom}</td>
                    <td>{partenaire.departementLabel}</td>
                    <td>
                      {partenaire.structureNom
                        ? `Dans la structure ${partenaire.structureNom}`
                        : "Dans tout le département"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canAdd && <AddPartenaireLocal departements={loaderData.departements} structures={loaderData.structures} />}
      </section>

      <section className="fr-mb-6w">
        <h2 id="bouquet">Bouquet de services</h2>
        <p>
          Les situations de vie que toute France Services accompagne, par domaine, et les partenaires nationaux qui y
          répondent.
        </p>
        {BOUQUET.map((domaine) => (
          <div key={domaine.key} className="fr-mb-4w">
            <h3>{domaine.label}</h3>
            <ul>
              {domaine.situations.map((situation) => (
                <li key={situation.key}>
                  <strong>{situation.label}</strong> :{" "}
                  {situation.partenaires.length > 0
                    ? situation.partenaires.map((key) => partenaireLabel(key)).join(", ")
                    : "avec les partenaires locaux"}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section>
        <h2 id="types-aide">Les cinq types d’aide</h2>
        <p>Pour le compte des partenaires, les France Services délivrent :</p>
        <ol>
          {Object.entries(TYPES_AIDE).map(([key, label]) => (
            <li key={key}>{label}</li>
          ))}
        </ol>
      </section>
    </>
  );
}

function AddPartenaireLocal({
  departements,
  structures,
}: {
  departements: ReadonlyArray<{ value: string; label: string }>;
  structures: ReadonlyArray<{ value: string; label: string }>;
}) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as SubmissionResult<string[]> | undefined,
    defaultValue: departements.length === 1 ? { departement: departements[0].value } : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: partenaireLocalSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="fr-mt-4w">
      <fieldset className="fr-fieldset" aria-labelledby="ajout-partenaire-legende">
        <legend className="fr-fieldset__legend" id="ajout-partenaire-legende">
          Ajouter un partenaire local
        </legend>
        <div className="fr-fieldset__element">
          <FormErrors errors={form.errors} />
        </div>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.nom}
            label="Nom du partenaire"
            hint="Par exemple : Mission locale, CCAS, Point conseil budget"
          />
        </div>
        <div className="fr-fieldset__element">
          <SelectField field={fields.departement} label="Département" options={departements} />
        </div>
        <div className="fr-fieldset__element">
          <SelectField
            field={fields.structureId}
            label="Structure (facultatif)"
            hint="Seulement si le partenaire n’intervient que dans une structure de ce département."
            options={structures}
            placeholder="Tout le département"
          />
        </div>
        <div className="fr-fieldset__element">
          <button className="fr-btn" type="submit">
            Ajouter le partenaire
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
