import { Form } from "react-router";
import type { DashboardLink, DashboardPage } from "./dashboard-links";

type Field = "type" | "date" | "du" | "au";

function errorProps(form: DashboardPage["form"], field: Field) {
  const error = form.errors[field];
  return error ? { "aria-invalid": true, "aria-describedby": `periode-${field}-erreur` } : {};
}

function ErrorText({ form, field }: { form: DashboardPage["form"]; field: Field }) {
  const error = form.errors[field];
  return error ? (
    <p id={`periode-${field}-erreur`} className="fr-error-text">
      {error}
    </p>
  ) : null;
}

function DateField({
  form,
  field,
  label,
  hint,
}: {
  form: DashboardPage["form"];
  field: "date" | "du" | "au";
  label: string;
  hint: string;
}) {
  const error = form.errors[field];
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={`periode-${field}`}>
        {label}
        <span className="fr-hint-text">{hint}</span>
      </label>
      <input
        className={`fr-input${error ? " fr-input--error" : ""}`}
        type="date"
        id={`periode-${field}`}
        name={field}
        defaultValue={form.values[field]}
        {...errorProps(form, field)}
      />
      <ErrorText form={form} field={field} />
    </div>
  );
}

/**
 * The period switcher: a GET form (works without JavaScript; the server turns it into the
 * canonical `?periode=` address) and the previous / next period links.
 */
export function PeriodForm({
  form,
  precedente,
  suivante,
}: {
  form: DashboardPage["form"];
  precedente: DashboardLink | null;
  suivante: DashboardLink | null;
}) {
  const typeError = form.errors.type;
  return (
    <div className="fr-mb-4w">
      {form.formError && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{form.formError}</p>
        </div>
      )}
      <Form method="get">
        <fieldset className="fr-fieldset" aria-labelledby="periode-legende">
          <legend className="fr-fieldset__legend" id="periode-legende">
            Changer de période
          </legend>
          <div className="fr-fieldset__element">
            <p className="fr-text--sm fr-mb-0">
              Pour un jour, une semaine, un mois, un trimestre ou une année, indiquez un jour de la période. Pour une
              période personnalisée, indiquez ses dates de début et de fin (trois ans au plus).
            </p>
          </div>
          <div className="fr-fieldset__element">
            <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
              <div className="fr-col-12 fr-col-md-3">
                <div className={`fr-select-group${typeError ? " fr-select-group--error" : ""}`}>
                  <label className="fr-label" htmlFor="periode-type">
                    Type de période
                  </label>
                  <select
                    className={`fr-select${typeError ? " fr-select--error" : ""}`}
                    id="periode-type"
                    name="type"
                    defaultValue={form.values.type}
                    {...errorProps(form, "type")}
                  >
                    {form.kinds.map((kind) => (
                      <option key={kind.value} value={kind.value}>
                        {kind.label}
                      </option>
                    ))}
                  </select>
                  <ErrorText form={form} field="type" />
                </div>
              </div>
              <div className="fr-col-12 fr-col-md-3">
                <DateField form={form} field="date" label="Un jour de la période" hint="Format : JJ/MM/AAAA" />
              </div>
              {/* Custom periods are the structure's team's only (ADR 021): no dates to type otherwise. */}
              {form.kinds.some((kind) => kind.value === "personnalise") && (
                <>
                  <div className="fr-col-12 fr-col-sm-6 fr-col-md-2">
                    <DateField form={form} field="du" label="Du" hint="Période personnalisée" />
                  </div>
                  <div className="fr-col-12 fr-col-sm-6 fr-col-md-2">
                    <DateField form={form} field="au" label="Au" hint="Période personnalisée" />
                  </div>
                </>
              )}
              <div className="fr-col-12 fr-col-md-2">
                <button className="fr-btn fr-btn--secondary fr-mb-3w" type="submit">
                  Afficher la période
                </button>
              </div>
            </div>
          </div>
        </fieldset>
      </Form>
      {(precedente || suivante) && (
        <nav aria-label="Périodes voisines">
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            {precedente && (
              <li>
                <a
                  className="fr-btn fr-btn--tertiary fr-icon-arrow-left-s-line fr-btn--icon-left"
                  href={precedente.href}
                >
                  {precedente.label}
                </a>
              </li>
            )}
            {suivante && (
              <li>
                <a
                  className="fr-btn fr-btn--tertiary fr-icon-arrow-right-s-line fr-btn--icon-right"
                  href={suivante.href}
                >
                  {suivante.label}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </div>
  );
}
