import type { FieldMetadata } from "@conform-to/react";
import { InputField } from "./fields";

type PasswordField = FieldMetadata<string>;

/** The two fields of a new password (newPasswordSchema): the password, then its confirmation. */
export function NewPasswordFields({
  password,
  confirmation,
  label = "Nouveau mot de passe",
}: {
  password: PasswordField;
  confirmation: PasswordField;
  label?: string;
}) {
  return (
    <>
      <div className="fr-fieldset__element">
        <InputField
          field={password}
          label={label}
          hint="12 caractères au minimum. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
          type="password"
          autoComplete="new-password"
        />
      </div>
      <div className="fr-fieldset__element">
        <InputField
          field={confirmation}
          label="Confirmation du mot de passe"
          type="password"
          autoComplete="new-password"
        />
      </div>
    </>
  );
}
