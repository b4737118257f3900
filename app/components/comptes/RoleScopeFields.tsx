import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useState } from "react";
import { isRole, ROLE_LABELS, type Role } from "../../../src/acces/roles";
import { isDepartementRole, isStructureRole } from "../../../src/comptes/grant-scope";
import { InputField, SelectField } from "../forms/fields";

type Option = { value: string; label: string };

export type RoleScopeOptions = { roles: Option[]; structures: Option[]; departements: Option[]; partenaires: Option[] };

type Fields = {
  [K in "role" | "structureId" | "departement" | "partnerKey" | "startsOn" | "endsOn"]: FieldMetadata<unknown>;
};

/** "Pour les rôles Agent France Services et Responsable de structure." (only roles on offer) */
function usedBy(roles: Role[]): string {
  const labels = roles.map((role) => ROLE_LABELS[role]);
  if (labels.length === 1) return `Pour le rôle ${labels[0]}.`;
  return `Pour les rôles ${labels.slice(0, -1).join(", ")} et ${labels.at(-1)}.`;
}

/**
 * Role, scope and dates of a role to grant (invite form, add-role form). Without JavaScript every
 * scope field is shown, each with a hint naming the roles it serves; with JavaScript only the
 * fields of the chosen role stay visible. The action ignores the fields the role does not use.
 */
export function RoleScopeFields({
  fields,
  options,
  idPrefix,
}: {
  fields: Fields;
  options: RoleScopeOptions;
  idPrefix: string;
}) {
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const offered = options.roles.map((option) => option.value).filter(isRole);
  const chosen = typeof fields.role.value === "string" && isRole(fields.role.value) ? fields.role.value : null;
  const shows = (uses: (role: Role) => boolean) => !enhanced || (chosen !== null && uses(chosen));
  const scopeFields = [
    {
      field: fields.structureId,
      label: "Structure",
      uses: isStructureRole,
      choices: options.structures,
      placeholder: "Sélectionner une structure",
    },
    {
      field: fields.departement,
      label: "Département",
      uses: isDepartementRole,
      choices: options.departements,
      placeholder: "Sélectionner un département",
    },
    {
      field: fields.partnerKey,
      label: "Partenaire",
      uses: (role: Role) => role === "referent",
      choices: options.partenaires,
      placeholder: "Sélectionner un partenaire",
    },
  ];

  return (
    <>
      <fieldset className="fr-fieldset" aria-labelledby={`${idPrefix}-role`}>
        <legend className="fr-fieldset__legend" id={`${idPrefix}-role`}>
          Rôle et périmètre
        </legend>
        <div className="fr-fieldset__element">
          <SelectField field={fields.role} label="Rôle" options={options.roles} placeholder="Sélectionner un rôle" />
        </div>
        {scopeFields.map(({ field, label, uses, choices, placeholder }) => {
          const roles = offered.filter(uses);
          if (roles.length === 0) return null;
          return (
            <div className="fr-fieldset__element" hidden={!shows(uses)} key={field.name}>
              <SelectField
                field={field}
                label={label}
                hint={usedBy(roles)}
                options={choices}
                placeholder={placeholder}
              />
            </div>
          );
        })}
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby={`${idPrefix}-periode`}>
        <legend className="fr-fieldset__legend" id={`${idPrefix}-periode`}>
          Période
        </legend>
        <div className="fr-fieldset__element">
          <InputField field={fields.startsOn} label="Date de début" hint="Format attendu : jj/mm/aaaa" type="date" />
        </div>
        <div className="fr-fieldset__element">
          <InputField
            field={fields.endsOn}
            label="Date de fin (facultatif)"
            hint="Dernier jour où le rôle s’exerce. Laissez vide si aucune fin n’est prévue."
            type="date"
          />
        </div>
      </fieldset>
    </>
  );
}
