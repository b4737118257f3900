import { Form } from "react-router";

/** Previous / next day links and a date field (a GET form: works without JavaScript). */
export function DayNavigation({
  jour,
  previous,
  next,
  today,
  requested,
  dateError,
}: {
  jour: string;
  previous: string;
  next: string | null;
  today: string;
  requested: string | null;
  dateError: string | null;
}) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-4w">
      <div className="fr-col-12 fr-col-md-6">
        <Form method="get" action="/accueil/journee">
          <div className={`fr-input-group${dateError ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor="journee-date">
              Jour affiché
              <span className="fr-hint-text">Format attendu : JJ/MM/AAAA</span>
            </label>
            <input
              className={`fr-input${dateError ? " fr-input--error" : ""}`}
              type="date"
              id="journee-date"
              name="date"
              defaultValue={dateError ? (requested ?? "") : jour}
              max={today}
              aria-invalid={dateError ? true : undefined}
              aria-describedby={dateError ? "journee-date-erreur" : undefined}
            />
            {dateError && (
              <p id="journee-date-erreur" className="fr-error-text">
                {dateError}
              </p>
            )}
          </div>
          <button className="fr-btn fr-btn--secondary" type="submit">
            Afficher ce jour
          </button>
        </Form>
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <nav aria-label="Jours voisins">
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--right fr-btns-group--icon-left">
            <li>
              <a
                className="fr-btn fr-btn--tertiary fr-icon-arrow-left-s-line fr-btn--icon-left"
                href={`/accueil/journee?date=${previous}`}
              >
                Jour précédent
              </a>
            </li>
            {next && (
              <li>
                <a
                  className="fr-btn fr-btn--tertiary fr-icon-arrow-right-s-line fr-btn--icon-right"
                  href={`/accueil/journee?date=${next}`}
                >
                  Jour suivant
                </a>
              </li>
            )}
            {jour !== today && (
              <li>
                <a className="fr-btn fr-btn--tertiary" href="/accueil/journee">
                  Aujourd’hui
                </a>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </div>
  );
}
