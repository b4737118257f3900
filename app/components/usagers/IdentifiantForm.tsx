import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { IDENTIFIANT_TYPES } from "../../../src/usagers/usagers.labels";
import { identifiantSchema } from "../../../src/usagers/usagers.schema";
import { FormErrors, InputField, SelectField } from "../forms/fields";
import type { FormResult } from "../forms/intent-reply";

const IDENTIFIANT_OPTIONS = Object.entries(IDENTIFIANT_TYPES).map(([value, type]) => ({ value, label: type.label }));

/** A partner identifier, recorded encrypted for the open démarche that needs it. */
export function IdentifiantForm({
  demarches,
  lastResult,
}: {
  demarches: Array<{ value: string; label: string }>;
  lastResult: FormResult;
}) {
  const [form, fields] = useForm({
    id: "identifiant",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: identifiantSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="identifiant" />
      <FormErrors errors={form.errors} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <SelectField field={fields.type} label="Type d’identifiant" options={IDENTIFIANT_OPTIONS} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <InputField field={fields.valeur} label="Numéro" autoComplete="off" hint="Chiffré dès l’enregistrement." />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <SelectField field={fields.demarcheId} label="Démarche qui en a besoin" options={demarches} />
        </div>
      </div>
      <button className="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
        Enregistrer l’identifiant
      </button>
    </Form>
  );
}
