import { type KeyboardEvent, type Ref, useState } from "react";
import { AUTONOMIES, ISSUES, SIGNALEMENTS } from "../../../src/accueil/accueil.labels";
import { matchesSearch } from "../../../src/accueil/search-normalize";
import { TYPES_AIDE } from "../../../src/referentiel/aides";
import { BOUQUET } from "../../../src/referentiel/bouquet";
import { PARTENAIRE_KEYS, PARTENAIRES_NATIONAUX, partenaireLabel } from "../../../src/referentiel/partenaires";
import { Choice, ChoiceGroup, ChoiceList } from "./controls";
import {
  type DemandeValues,
  situationsOffered,
  toggleHorsPartenaires,
  toggleIn,
  togglePartenaire,
  toggleSituation,
} from "./demande";

export type LocalPartnerOption = { id: string; nom: string };

/** The HTML names and ids of demand number `index` (conform's nested naming). */
export function demandeNames(formId: string, index: number) {
  const name = (field: string) => `sollicitations[${index}].${field}`;
  const id = (field: string) => `${formId}-demande-${index}-${field}`;
  return { name, id };
}

/**
 * One demand: partners, situations of the bouquet, kinds of help, autonomy, outcome, flags and a
 * short précision. Controlled by the form. Without JavaScript (`enhanced` false) every situation
 * is listed; with it, the situations follow the chosen partners and a box filters the choices.
 */
export function DemandeFieldset({
  formId,
  index,
  legend,
  values,
  onChange,
  errors,
  locaux,
  enhanced,
  autonomieRef,
}: {
  formId: string;
  index: number;
  legend: string;
  values: DemandeValues;
  onChange: (next: DemandeValues) => void;
  errors: Record<string, string[] | undefined>;
  locaux: readonly LocalPartnerOption[];
  enhanced: boolean;
  /** The first autonomy radio: a quick pick moves the focus there. */
  autonomieRef?: Ref<HTMLInputElement>;
}) {
  const [filter, setFilter] = useState("");
  const { name, id } = demandeNames(formId, index);
  const error = (field: string) => errors[name(field)]?.[0];
  const filtering = enhanced && filter.trim() !== "";
  const offered = situationsOffered(values);

  const partnerShown = (key: string, ...labels: string[]) =>
    !filtering ||
    matchesSearch(filter, ...labels) ||
    values.partenaires.includes(key) ||
    values.partenairesLocaux.includes(key);
  const situationShown = (key: string, label: string, domaine: string, partners: readonly string[]) => {
    if (!enhanced || values.situations.includes(key)) return true;
    if (filtering) return matchesSearch(filter, label, domaine, ...partners.map(partenaireLabel));
    return offered.has(key);
  };
  const visibleSituations = BOUQUET.flatMap((domaine) =>
    domaine.situations
      .filter((situation) => situationShown(situation.key, situation.label, domaine.label, situation.partenaires))
      .map((situation) => situation.key),
  );

  /** Enter in the filter never submits; with one situation left, it checks it. */
  function onFilterKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const candidates = visibleSituations.filter((key) => !values.situations.includes(key));
    if (candidates.length === 1) {
      onChange(toggleSituation(values, candidates[0], true));
      setFilter("");
    }
  }

  return (
    <fieldset className="fr-fieldset" id={id("fieldset")} aria-labelledby={id("legende")}>
      <legend className="fr-fieldset__legend" id={id("legende")}>
        {legend}
      </legend>

      {enhanced && (
        <div className="fr-fieldset__element">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={id("filtre")}>
              Filtrer les partenaires et les situations
              <span className="fr-hint-text">
                Quelques lettres suffisent, accents facultatifs : « impot », « retraite », « securite ». Entrée coche la
                seule situation restante.
              </span>
            </label>
            <input
              className="fr-input"
              type="search"
              id={id("filtre")}
              value={filter}
              autoComplete="off"
              onChange={(event) => setFilter(event.currentTarget.value)}
              onKeyDown={onFilterKeyDown}
            />
          </div>
        </div>
      )}

      <div className="fr-fieldset__element">
        <ChoiceGroup
          id={id("partenaires")}
          legend="Partenaires concernés"
          error={error("partenaires") ?? error("partenairesLocaux") ?? error("horsPartenaires")}
        >
          {PARTENAIRE_KEYS.map((key) => (
            <Choice
              key={key}
              type="checkbox"
              inline
              id={id(`partenaire-${key}`)}
              name={name("partenaires")}
              value={key}
              label={PARTENAIRES_NATIONAUX[key].label}
              hidden={!partnerShown(key, PARTENAIRES_NATIONAUX[key].label, PARTENAIRES_NATIONAUX[key].nomLong)}
              checked={values.partenaires.includes(key)}
              onChange={(on) => onChange(togglePartenaire(values, key, on))}
            />
          ))}
          {locaux.map((local) => (
            <Choice
              key={local.id}
              type="checkbox"
              inline
              id={id(`local-${local.id}`)}
              name={name("partenairesLocaux")}
              value={local.id}
              label={local.nom}
              hint="Partenaire local"
              hidden={!partnerShown(local.id, local.nom, "partenaire local")}
              checked={values.partenairesLocaux.includes(local.id)}
              onChange={(on) => onChange(togglePartenaire(values, local.id, on, "local"))}
            />
          ))}
          <Choice
            type="checkbox"
            inline
            id={id("hors-partenaires")}
            name={name("horsPartenaires")}
            value="on"
            label="Hors partenaires"
            hidden={!partnerShown("hors_partenaires", "Hors partenaires", "aucun partenaire")}
            checked={values.horsPartenaires}
            onChange={(on) => onChange(toggleHorsPartenaires(values, on))}
          />
        </ChoiceGroup>
      </div>

      <div className="fr-fieldset__element">
        <ChoiceGroup
          id={id("situations")}
          legend="Situations du bouquet de services"
          hint={
            enhanced
              ? "Les situations des partenaires choisis s’affichent ici ; le filtre cherche dans toutes."
              : "Choisissez une situation du ou des partenaires cochés."
          }
          error={error("situations")}
        >
          {enhanced && visibleSituations.length === 0 && (
            <p className="fr-fieldset__element fr-hint-text">
              Choisissez d’abord un partenaire, ou tapez quelques lettres dans le filtre.
            </p>
          )}
          {BOUQUET.map((domaine) => {
            const shown = domaine.situations.filter((situation) => visibleSituations.includes(situation.key));
            if (shown.length === 0) return null;
            return (
              <div className="fr-fieldset__element" key={domaine.key}>
                <fieldset className="fr-fieldset" aria-labelledby={id(`domaine-${domaine.key}`)}>
                  <legend
                    className="fr-fieldset__legend fr-fieldset__legend--regular fr-text--sm fr-mb-1w"
                    id={id(`domaine-${domaine.key}`)}
                  >
                    {domaine.label}
                  </legend>
                  {shown.map((situation) => (
                    <Choice
                      key={situation.key}
                      type="checkbox"
                      inline
                      id={id(`situation-${situation.key}`)}
                      name={name("situations")}
                      value={situation.key}
                      label={situation.label}
                      hint={
                        situation.partenaires.length > 0
                          ? situation.partenaires.map(partenaireLabel).join(", ")
                          : "Partenaires locaux"
                      }
                      checked={values.situations.includes(situation.key)}
                      onChange={(on) => onChange(toggleSituation(values, situation.key, on))}
                    />
                  ))}
                </fieldset>
              </div>
            );
          })}
        </ChoiceGroup>
      </div>

      <div className="fr-fieldset__element">
        <ChoiceList
          id={id("aides")}
          legend="Aide apportée"
          error={error("aides")}
          type="checkbox"
          name={name("aides")}
          labels={TYPES_AIDE}
          isChecked={(key) => values.aides.includes(key)}
          onToggle={(key, on) => onChange(toggleIn(values, "aides", key, on))}
        />
      </div>

      <div className="fr-fieldset__element">
        <ChoiceList
          id={id("autonomie")}
          legend="Autonomie numérique de l’usager"
          error={error("autonomie")}
          type="radio"
          inline
          name={name("autonomie")}
          labels={AUTONOMIES}
          firstRef={autonomieRef}
          isChecked={(key) => values.autonomie === key}
          onToggle={(key, on) => on && onChange({ ...values, autonomie: key })}
        />
      </div>

      <div className="fr-fieldset__element">
        <ChoiceList
          id={id("issue")}
          legend="Issue de la demande"
          error={error("issue")}
          type="radio"
          inline
          name={name("issue")}
          labels={ISSUES}
          isChecked={(key) => values.issue === key}
          onToggle={(key, on) => on && onChange({ ...values, issue: key })}
        />
      </div>

      <div className="fr-fieldset__element">
        <ChoiceList
          id={id("signalements")}
          legend="Signalements (facultatif)"
          error={error("signalements")}
          type="checkbox"
          inline
          name={name("signalements")}
          labels={SIGNALEMENTS}
          isChecked={(key) => values.signalements.includes(key)}
          onToggle={(key, on) => onChange(toggleIn(values, "signalements", key, on))}
        />
      </div>

      <div className="fr-fieldset__element">
        <div className={`fr-input-group${error("precision") ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor={id("precision")}>
            Précision (facultatif)
            <span className="fr-hint-text">200 caractères au plus, par exemple « renouvellement après perte ».</span>
          </label>
          <p className="fr-message fr-message--warning fr-mb-1w" id={id("precision-avertissement")}>
            N’indiquez aucune donnée personnelle (nom, numéro, adresse…).
          </p>
          <input
            className={`fr-input${error("precision") ? " fr-input--error" : ""}`}
            type="text"
            id={id("precision")}
            name={name("precision")}
            maxLength={200}
            autoComplete="off"
            aria-describedby={`${id("precision-avertissement")}${error("precision") ? ` ${id("precision-erreur")}` : ""}`}
            aria-invalid={error("precision") ? true : undefined}
            value={values.precision}
            onChange={(event) => onChange({ ...values, precision: event.currentTarget.value })}
          />
          {error("precision") && (
            <p className="fr-error-text" id={id("precision-erreur")}>
              {error("precision")}
            </p>
          )}
        </div>
      </div>
    </fieldset>
  );
}
