import type { ReactNode, Ref } from "react";

/**
 * DSFR markup for the accueil's groups of checkboxes and radios: a fieldset with its legend,
 * one message area (referenced by the fieldset, announced politely), and its choices.
 */
export function ChoiceGroup({
  id,
  legend,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}${className ? ` ${className}` : ""}`}
      id={id}
      aria-labelledby={`${id}-legende ${id}-messages`}
      tabIndex={-1}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legende`}>
        {legend}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </legend>
      {children}
      <div className="fr-messages-group" id={`${id}-messages`} aria-live="polite">
        {error && <p className="fr-message fr-message--error">{error}</p>}
      </div>
    </fieldset>
  );
}

type ChoiceProps = {
  type: "checkbox" | "radio";
  id: string;
  name: string;
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  inline?: boolean;
  hidden?: boolean;
  inputRef?: Ref<HTMLInputElement>;
} & (
  | { checked: boolean; onChange: (checked: boolean) => void; defaultChecked?: never }
  | { defaultChecked?: boolean; checked?: never; onChange?: never }
);

/** One checkbox or radio, controlled (checked + onChange) or not (defaultChecked). */
export function Choice({
  type,
  id,
  name,
  value,
  label,
  hint,
  inline = false,
  hidden = false,
  inputRef,
  ...state
}: ChoiceProps) {
  const { onChange } = state;
  return (
    <div className={`fr-fieldset__element${inline ? " fr-fieldset__element--inline" : ""}`} hidden={hidden}>
      <div className={type === "radio" ? "fr-radio-group" : "fr-checkbox-group"}>
        <input
          type={type}
          id={id}
          name={name}
          value={value}
          ref={inputRef}
          {...(onChange
            ? {
                checked: state.checked,
                onChange: (event: { currentTarget: HTMLInputElement }) => onChange(event.currentTarget.checked),
              }
            : { defaultChecked: state.defaultChecked })}
        />
        <label className="fr-label" htmlFor={id}>
          {label}
          {hint && <span className="fr-hint-text">{hint}</span>}
        </label>
      </div>
    </div>
  );
}

/** A whole group of controlled choices from a map of stable keys to French labels. */
export function ChoiceList({
  id,
  legend,
  error,
  type,
  name,
  labels,
  inline = false,
  isChecked,
  onToggle,
  firstRef,
}: {
  id: string;
  legend: ReactNode;
  error?: string;
  type: "checkbox" | "radio";
  name: string;
  labels: Record<string, string>;
  inline?: boolean;
  isChecked: (key: string) => boolean;
  onToggle: (key: string, on: boolean) => void;
  /** The first control (to move the focus there). */
  firstRef?: Ref<HTMLInputElement>;
}) {
  return (
    <ChoiceGroup id={id} legend={legend} error={error}>
      {Object.entries(labels).map(([key, label], position) => (
        <Choice
          key={key}
          type={type}
          inline={inline}
          id={`${id}-${key}`}
          name={name}
          value={key}
          label={label}
          inputRef={position === 0 ? firstRef : undefined}
          checked={isChecked(key)}
          onChange={(on) => onToggle(key, on)}
        />
      ))}
    </ChoiceGroup>
  );
}
