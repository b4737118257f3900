import { type FieldMetadata, getInputProps, getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";

type InputType = "text" | "email" | "password" | "tel" | "date" | "number" | "url";

type FieldProps = {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: ReactNode;
};

/** A DSFR input group bound to a conform field: label, hint, value kept on error, one message. */
export function InputField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
  inputMode,
  required,
}: FieldProps & {
  type?: InputType;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email" | "tel";
  required?: boolean;
}) {
  const error = field.errors?.[0];
  const { key, ...inputProps } = getInputProps(field, { type, ariaAttributes: true });
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`} key={key}>
      <label className="fr-label" htmlFor={field.id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <input
        className={`fr-input${error ? " fr-input--error" : ""}`}
        {...inputProps}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
      />
      {error && (
        <p id={field.errorId} className="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
  placeholder = "Sélectionner une option",
}: FieldProps & { options: ReadonlyArray<{ value: string; label: string }>; placeholder?: string | null }) {
  const error = field.errors?.[0];
  const { key, ...selectProps } = getSelectProps(field, { ariaAttributes: true });
  return (
    <div className={`fr-select-group${error ? " fr-select-group--error" : ""}`} key={key}>
      <label className="fr-label" htmlFor={field.id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <select className={`fr-select${error ? " fr-select--error" : ""}`} {...selectProps}>
        {placeholder !== null && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={field.errorId} className="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

/** Errors that belong to the whole form (wrong password, throttling…), announced to screen readers. */
export function FormErrors({ errors }: { errors?: string[] }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

export function Notice({
  kind = "info",
  title,
  children,
}: {
  kind?: "info" | "success" | "warning" | "error";
  title?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`fr-alert fr-alert--${kind} fr-mb-3w${title ? "" : " fr-alert--sm"}`}
      role={kind === "error" ? "alert" : "status"}
    >
      {title && <h2 className="fr-alert__title">{title}</h2>}
      {typeof children === "string" ? <p>{children}</p> : children}
    </div>
  );
}
