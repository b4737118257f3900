import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { structureContactsSchema } from "../../../src/structures/structures.schema";
import { FormErrors, InputField } from "../forms/fields";

/** The responsable's form: her structure's public telephone and e-mail. */
export function StructureContactsForm({
  lastResult,
  defaultValue,
  cancelHref,
}: {
  lastResult: unknown;
  defaultValue: { telephone?: string; email?: string };
  cancelHref: string;
}) {
  const [form, fields] = useForm({
    lastResult: lastResult as SubmissionResult<string[]> | undefined,
    defaultValue,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: structureContactsSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <InputField field={fields.telephone} label="Téléphone public" type="tel" autoComplete="tel" />
      <InputField field={fields.email} label="Adresse électronique publique" type="email" autoComplete="email" />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button className="fr-btn" type="submit">
            Enregistrer les coordonnées
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
