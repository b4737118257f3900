import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { revokeSchema } from "../../../src/mandats/mandats.schema";
import { FormErrors, InputField, SelectField } from "../forms/fields";
import type { FormResult } from "../forms/intent-reply";
import { TextareaField } from "../usagers/fields";

/** The revocation of a mandate: all of it, or one démarche when it covers several. */
export function RevokeForm({
  options,
  today,
  lastResult,
}: {
  options: Array<{ value: string; label: string }>;
  today: string;
  lastResult: FormResult;
}) {
  const [form, fields] = useForm({
    id: "revocation",
    lastResult,
    defaultValue: { revokedOn: today },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: revokeSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="revoquer" />
      <FormErrors errors={form.errors} />
      {options.length > 1 && (
        <SelectField
          field={fields.demarcheId}
          label="Ce que l’usager retire"
          options={options}
          placeholder="Tout le mandat"
          hint="Une seule démarche (révocation partielle), ou tout le mandat."
        />
      )}
      <InputField field={fields.revokedOn} label="Date de la révocation" type="date" />
      <TextareaField
        field={fields.motif}
        label="Motif de la révocation"
        hint="Par exemple : l’usager fait désormais ses démarches seul. Rien de sensible."
        rows={3}
      />
      <button className="fr-btn fr-btn--secondary" type="submit">
        Enregistrer la révocation
      </button>
    </Form>
  );
}
