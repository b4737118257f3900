import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import {
  GESTIONNAIRE_TYPES,
  optionsOf,
  STRUCTURE_FORMATS,
  STRUCTURE_LABELS,
  STRUCTURE_STATUTS,
} from "../../../src/structures/structures.labels";
import { structureSchema } from "../../../src/structures/structures.schema";
import { FormErrors, InputField, SelectField } from "../forms/fields";

/** The values a structure form starts from (edit page); every value is a string, as in a form. */
export type StructureFormDefaults = Partial<Record<keyof typeof structureSchema.shape, string>>;

/**
 * The one form for creating and editing a structure. Validated in the browser with the same zod
 * schema as the action; without JavaScript the action answers 400 with the typed values.
 */
export function StructureForm({
  lastResult,
  defaultValue,
  parents,
  submitLabel,
  cancelHref,
  communeActuelle,
}: {
  lastResult: unknown;
  defaultValue?: StructureFormDefaults;
  parents: ReadonlyArray<{ value: string; label: string }>;
  submitLabel: string;
  cancelHref: string;
  /** "Sarreguemines (57)" on the edit page: the commune the saved code points to. */
  communeActuelle?: string;
}) {
  const [form, fields] = useForm({
    lastResult: lastResult as SubmissionResult<string[]> | undefined,
    defaultValue: { statut: "ouverte", ...defaultValue },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: structureSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <p className="fr-hint-text">Sauf mention « facultatif », tous les champs sont obligatoires.</p>

      <fieldset className="fr-fieldset" aria-labelledby="structure-identite">
        <legend className="fr-fieldset__legend" id="structure-identite">
          Identité
        </legend>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.nom}
            label="Nom de la structure"
            hint="Par exemple : France Services de Sarreguemines"
          />
        </div>
        <div className="fr-fieldset__element">
          <SelectField field={fields.label} label="Label" options={optionsOf(STRUCTURE_LABELS)} />
        </div>
        <div className="fr-fieldset__element">
          <SelectField field={fields.format} label="Format" options={optionsOf(STRUCTURE_FORMATS)} />
        </div>
        <div className="fr-fieldset__element">
          <SelectField
            field={fields.parentStructureId}
            label="Structure principale (uniquement pour une antenne)"
            hint="Une antenne est rattachée à une structure principale de votre périmètre."
            options={parents}
            placeholder="Aucune : ce n’est pas une antenne"
          />
        </div>
        <div className="fr-fieldset__element">
          <SelectField field={fields.statut} label="Statut" options={optionsOf(STRUCTURE_STATUTS)} placeholder={null} />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="structure-gestionnaire">
        <legend className="fr-fieldset__legend" id="structure-gestionnaire">
          Gestionnaire (porteur)
        </legend>
        <div className="fr-fieldset__element">
          <SelectField
            field={fields.gestionnaireType}
            label="Type de gestionnaire"
            options={optionsOf(GESTIONNAIRE_TYPES)}
          />
        </div>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.gestionnaireNom}
            label="Nom du gestionnaire"
            hint="Par exemple : Ville de Sarreguemines"
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="structure-adresse">
        <legend className="fr-fieldset__legend" id="structure-adresse">
          Adresse
        </legend>
        <div className="fr-fieldset__element">
          <InputField field={fields.adresse} label="Adresse" hint="Numéro et voie" autoComplete="address-line1" />
        </div>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.complementAdresse}
            label="Complément d’adresse (facultatif)"
            hint="Bâtiment, étage, accès"
            autoComplete="address-line2"
          />
        </div>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.codePostal}
            label="Code postal"
            hint="5 chiffres"
            inputMode="numeric"
            autoComplete="postal-code"
          />
        </div>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.communeInsee}
            label="Code INSEE de la commune"
            hint={
              <>
                Code officiel géographique à 5 caractères, différent du code postal : par exemple 57631 pour
                Sarreguemines, 2A004 pour Ajaccio. La commune et le département sont vérifiés à l’enregistrement.
                {communeActuelle ? ` Commune enregistrée : ${communeActuelle}.` : ""}
              </>
            }
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="structure-contact">
        <legend className="fr-fieldset__legend" id="structure-contact">
          Contact public et dates
        </legend>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.telephone}
            label="Téléphone (facultatif)"
            hint="Format attendu : 01 23 45 67 89"
            type="tel"
            autoComplete="off"
          />
        </div>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.email}
            label="Adresse électronique de la structure (facultatif)"
            hint="Format attendu : nom@domaine.fr"
            type="email"
            autoComplete="off"
          />
        </div>
        <div className="fr-fieldset__element">
          <InputField field={fields.dateLabellisation} label="Date de labellisation (facultatif)" type="date" />
        </div>
        <div className="fr-fieldset__element">
          <InputField field={fields.dateOuverture} label="Date d’ouverture (facultatif)" type="date" />
        </div>
      </fieldset>

      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button className="fr-btn" type="submit">
            {submitLabel}
          </button>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary" href={cancelHref}>
            Annuler
          </a>
        </li>
      </ul>
    </Form>
  );
}
