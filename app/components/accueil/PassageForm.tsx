import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useRef, useState } from "react";
import { Form } from "react-router";
import { CANAUX, EQUIPEMENTS, GENRES, TRANCHES_AGE } from "../../../src/accueil/accueil.labels";
import { passageSchema } from "../../../src/accueil/accueil.schema";
import { ajoutSollicitationsSchema } from "../../../src/accueil/corrections.schema";
import { FormErrors, InputField, SelectField } from "../forms/fields";
import { Choice, ChoiceGroup } from "./controls";
import { DemandeFieldset, type LocalPartnerOption } from "./DemandeFieldset";
import {
  applyQuickPick,
  type DemandeValues,
  demandesFromSubmitted,
  emptyDemande,
  type QuickPickChoice,
} from "./demande";
import { ErrorSummary } from "./ErrorSummary";
import { type QuickPickOption, QuickPicks } from "./QuickPicks";

export type PassageFormMode = "nouveau" | "ajout" | "corriger";

/** The passage's own fields as a form holds them (strings), for conform. */
export type PassageFormShape = {
  passageId?: string;
  intent?: string;
  debutLocal?: string;
  debut?: string;
  dureeMinutes?: string;
  canal?: string;
  avecRdv?: string;
  trancheAge?: string;
  genre?: string;
  communeResidence?: string;
  premiereVisite?: string;
  equipements?: string[];
};

const DETAIL_FIELDS = [
  "debut",
  "debutLocal",
  "dureeMinutes",
  "avecRdv",
  "trancheAge",
  "genre",
  "communeResidence",
  "premiereVisite",
  "equipements",
];
const optionsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
const asList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item) => typeof item === "string")
    : typeof value === "string" && value
      ? [value]
      : [];

/**
 * The accueil form, in three modes sharing the same components:
 * - "nouveau": a passage with one demand (quick picks on top);
 * - "ajout": another demand of the same person, added to a recorded passage (no passage fields);
 * - "corriger": a recorded passage and all its demands, prefilled.
 * Works without JavaScript (plain POST, 400 with everything kept); JavaScript adds the quick
 * picks in place, the filter, the situations that follow the partners, and validation before sending.
 */
export function PassageForm({
  mode,
  formId,
  lastResult,
  defaultValue,
  initialDemandes,
  locaux,
  quickPicks = [],
  quickPickHidden = {},
  hidden = {},
  passageId,
  idempotencyKey,
  submitLabel,
  cancel,
}: {
  mode: PassageFormMode;
  formId: string;
  lastResult: unknown;
  defaultValue?: PassageFormShape;
  initialDemandes: DemandeValues[];
  locaux: readonly LocalPartnerOption[];
  quickPicks?: readonly QuickPickOption[];
  /** Hidden fields the quick picks' GET form carries (the passage in "ajout" mode). */
  quickPickHidden?: Record<string, string>;
  /** Other hidden fields of the form (the waiting-list entry being served). */
  hidden?: Record<string, string>;
  passageId?: string;
  idempotencyKey?: string;
  submitLabel: string;
  cancel?: { href: string; label: string };
}) {
  const reply = lastResult as SubmissionResult<string[]> | undefined;
  const schema = mode === "ajout" ? ajoutSollicitationsSchema : passageSchema;
  const [form, fields] = useForm<PassageFormShape>({
    id: formId,
    lastResult: reply,
    defaultValue: { canal: "accueil_physique", ...defaultValue },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  });
  const [demandes, setDemandes] = useState<DemandeValues[]>(
    () =>
      demandesFromSubmitted(reply?.initialValue) ?? (initialDemandes.length > 0 ? initialDemandes : [emptyDemande()]),
  );
  const [enhanced, setEnhanced] = useState(false);
  const [announce, setAnnounce] = useState("");
  const [focusAutonomie, setFocusAutonomie] = useState(0);
  const autonomieRef = useRef<HTMLInputElement>(null);

  useEffect(() => setEnhanced(true), []);
  useEffect(() => {
    if (focusAutonomie === 0) return;
    const group = autonomieRef.current?.closest("fieldset");
    const checked = group?.querySelector<HTMLInputElement>("input:checked");
    (checked ?? autonomieRef.current)?.focus();
  }, [focusAutonomie]);

  function pick(choice: QuickPickChoice & { label: string }) {
    setDemandes((current) => [applyQuickPick(current[0] ?? emptyDemande(), choice), ...current.slice(1)]);
    setAnnounce(`Demande préremplie : ${choice.label}. Indiquez l’autonomie et l’issue.`);
    setFocusAutonomie((count) => count + 1);
  }

  const errors = form.allErrors;
  const detailsOpen = mode === "corriger" || DETAIL_FIELDS.some((field) => (errors[field]?.length ?? 0) > 0);
  const canalInitial = typeof fields.canal.initialValue === "string" ? fields.canal.initialValue : "accueil_physique";
  const equipementsInitial = asList(fields.equipements.initialValue);
  const debutError = fields.debut.errors?.[0] ?? fields.debutLocal.errors?.[0];

  return (
    <>
      {mode !== "corriger" && quickPicks.length > 0 && (
        <QuickPicks picks={quickPicks} hidden={quickPickHidden} onPick={enhanced ? pick : undefined} />
      )}
      <p className="fr-sr-only" role="status">
        {announce}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary formId={formId} errors={errors} reply={reply} />
        <FormErrors errors={form.errors} />
        {passageId && <input type="hidden" name="passageId" value={passageId} />}
        {mode === "corriger" && <input type="hidden" name="intent" value="corriger" />}
        {idempotencyKey && <input type="hidden" name="cle" value={idempotencyKey} />}
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}

        {demandes.map((values, index) => (
          <DemandeFieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: a demand is its position (its fields are named by index); none is inserted or removed here
            key={index}
            formId={formId}
            index={index}
            legend={demandes.length > 1 ? `Demande ${index + 1}` : "La demande"}
            values={values}
            onChange={(next) =>
              setDemandes((current) => current.map((item, position) => (position === index ? next : item)))
            }
            errors={errors}
            locaux={locaux}
            enhanced={enhanced}
            autonomieRef={index === 0 ? autonomieRef : undefined}
          />
        ))}

        {mode !== "ajout" && (
          <>
            <ChoiceGroup id={`${formId}-canal`} legend="Canal" error={fields.canal.errors?.[0]}>
              {Object.entries(CANAUX).map(([key, label]) => (
                <Choice
                  key={key}
                  type="radio"
                  inline
                  id={`${formId}-canal-${key}`}
                  name="canal"
                  value={key}
                  label={label}
                  defaultChecked={canalInitial === key}
                />
              ))}
            </ChoiceGroup>

            <details className="fr-mb-4w" open={detailsOpen}>
              <summary className="fr-text--bold fr-mb-2w">
                Plus de détails : heure, durée, rendez-vous, profil de l’usager, équipements
              </summary>
              {/* The DSFR's "box-sizing: inherit" does not cross the details element's own shadow tree: set it again here. */}
              <fieldset
                className="fr-fieldset"
                aria-labelledby={`${formId}-details-legende`}
                style={{ boxSizing: "border-box" }}
              >
                <legend className="fr-sr-only" id={`${formId}-details-legende`}>
                  Détails du passage
                </legend>
                <div className="fr-fieldset__element">
                  <div className={`fr-input-group${debutError ? " fr-input-group--error" : ""}`}>
                    <label className="fr-label" htmlFor={`${formId}-debut`}>
                      Début du passage
                      <span className="fr-hint-text">
                        {mode === "corriger"
                          ? "Heure de Paris."
                          : "Laissé vide : l’heure de l’enregistrement. Heure de Paris."}
                      </span>
                    </label>
                    <input
                      className={`fr-input${debutError ? " fr-input--error" : ""}`}
                      type="datetime-local"
                      id={`${formId}-debut`}
                      name="debutLocal"
                      defaultValue={
                        typeof fields.debutLocal.initialValue === "string" ? fields.debutLocal.initialValue : ""
                      }
                      aria-invalid={debutError ? true : undefined}
                      aria-describedby={debutError ? `${formId}-debut-erreur` : undefined}
                    />
                    {debutError && (
                      <p className="fr-error-text" id={`${formId}-debut-erreur`}>
                        {debutError}
                      </p>
                    )}
                  </div>
                </div>
                <div className="fr-fieldset__element">
                  <InputField
                    field={fields.dureeMinutes}
                    label="Durée en minutes (facultatif)"
                    hint="De 1 à 480."
                    type="number"
                    inputMode="numeric"
                  />
                </div>
                <div className="fr-fieldset__element">
                  <ChoiceGroup id={`${formId}-rdv`} legend="Rendez-vous" error={fields.avecRdv.errors?.[0]}>
                    <Choice
                      type="checkbox"
                      id={fields.avecRdv.id}
                      name="avecRdv"
                      value="on"
                      label="Passage sur rendez-vous"
                      defaultChecked={fields.avecRdv.initialValue === "on"}
                    />
                  </ChoiceGroup>
                </div>
                <div className="fr-fieldset__element">
                  <SelectField
                    field={fields.trancheAge}
                    label="Tranche d’âge (facultatif)"
                    options={optionsOf(TRANCHES_AGE)}
                    placeholder="Non renseignée"
                  />
                </div>
                <div className="fr-fieldset__element">
                  <SelectField
                    field={fields.genre}
                    label="Genre (facultatif)"
                    options={optionsOf(GENRES)}
                    placeholder="Non renseigné"
                  />
                </div>
                <div className="fr-fieldset__element">
                  <InputField
                    field={fields.communeResidence}
                    label="Commune de résidence (facultatif)"
                    hint="Code INSEE à 5 caractères, par exemple 57631 pour Sarreguemines."
                  />
                </div>
                <div className="fr-fieldset__element">
                  <ChoiceGroup
                    id={`${formId}-visite`}
                    legend="Première visite"
                    error={fields.premiereVisite.errors?.[0]}
                  >
                    <Choice
                      type="checkbox"
                      id={fields.premiereVisite.id}
                      name="premiereVisite"
                      value="on"
                      label="C’est la première visite de l’usager"
                      hint="Laissé décoché : non renseigné."
                      defaultChecked={fields.premiereVisite.initialValue === "on"}
                    />
                  </ChoiceGroup>
                </div>
                <div className="fr-fieldset__element">
                  <ChoiceGroup
                    id={`${formId}-equipements`}
                    legend="Équipements utilisés (sur place ou hors les murs)"
                    error={fields.equipements.errors?.[0]}
                  >
                    {Object.entries(EQUIPEMENTS).map(([key, label]) => (
                      <Choice
                        key={key}
                        type="checkbox"
                        inline
                        id={`${formId}-equipement-${key}`}
                        name="equipements"
                        value={key}
                        label={label}
                        defaultChecked={equipementsInitial.includes(key)}
                      />
                    ))}
                  </ChoiceGroup>
                </div>
              </fieldset>
            </details>
          </>
        )}

        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button className="fr-btn fr-btn--lg" type="submit">
              {submitLabel}
            </button>
          </li>
          {cancel && (
            <li>
              <a className="fr-btn fr-btn--secondary fr-btn--lg" href={cancel.href}>
                {cancel.label}
              </a>
            </li>
          )}
        </ul>
      </Form>
    </>
  );
}
