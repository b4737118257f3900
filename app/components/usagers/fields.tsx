import { type FieldMetadata, getInputProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";

type FieldProps = {
  field: FieldMetadata<unknown>;
  label: ReactNode;
  hint?: ReactNode;
};

/** A DSFR textarea bound to a conform field: label, hint, value kept on error, one message. */
export function TextareaField({ field, label, hint, rows = 4 }: FieldProps & { rows?: number }) {
  const error = field.errors?.[0];
  const { key, ...props } = getTextareaProps(field, { ariaAttributes: true });
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`} key={key}>
      <label className="fr-label" htmlFor={field.id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <textarea className={`fr-input${error ? " fr-input--error" : ""}`} rows={rows} {...props} />
      {error && (
        <p id={field.errorId} className="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

/** One DSFR checkbox bound to a boolean conform field, with its message. */
export function CheckboxField({ field, label, hint }: FieldProps) {
  const error = field.errors?.[0];
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaAttributes: true, value: "on" });
  return (
    <div className={`fr-checkbox-group${error ? " fr-checkbox-group--error" : ""}`} key={key}>
      <input {...props} />
      <label className="fr-label" htmlFor={field.id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      {error && (
        <div className="fr-messages-group">
          <p id={field.errorId} className="fr-message fr-message--error">
            {error}
          </p>
        </div>
      )}
    </div>
  );
}

/** A DSFR badge for a status. */
export function StatusBadge({
  kind,
  children,
}: {
  kind: "success" | "error" | "warning" | "info" | "new";
  children: ReactNode;
}) {
  return <p className={`fr-badge fr-badge--sm fr-badge--${kind}`}>{children}</p>;
}

/** A DSFR date-and-time input bound to a conform field (value "YYYY-MM-DDTHH:MM", Paris time). */
export function DateTimeField({ field, label, hint }: FieldProps) {
  const error = field.errors?.[0];
  const { key, ...props } = getInputProps(field, { type: "datetime-local", ariaAttributes: true });
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`} key={key}>
      <label className="fr-label" htmlFor={field.id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <input className={`fr-input${error ? " fr-input--error" : ""}`} {...props} />
      {error && (
        <p id={field.errorId} className="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}
