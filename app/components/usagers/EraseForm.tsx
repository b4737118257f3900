import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { eraseSchema } from "../../../src/usagers/usagers.schema";
import { FormErrors } from "../forms/fields";
import type { FormResult } from "../forms/intent-reply";
import { CheckboxField } from "./fields";

/** The usager's right to erasure: the file and its démarches' data, after an explicit confirmation. */
export function EraseForm({ lastResult }: { lastResult: FormResult }) {
  const [form, fields] = useForm({
    id: "effacement",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eraseSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="effacer" />
      <FormErrors errors={form.errors} />
      <CheckboxField
        field={fields.confirmation}
        label="Je confirme l’effacement définitif de cette fiche et des données de ses démarches, à la demande de l’usager"
      />
      <button className="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left fr-mt-2w" type="submit">
        Effacer la fiche
      </button>
    </Form>
  );
}
