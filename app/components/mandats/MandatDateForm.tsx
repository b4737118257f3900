import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { renewSchema, signatureSchema } from "../../../src/mandats/mandats.schema";
import { FormErrors, InputField } from "../forms/fields";
import type { FormResult } from "../forms/intent-reply";

/** One date and a button: the signature of a mandate, or its renewal. */
export function MandatDateForm({
  id,
  intent,
  name,
  label,
  button,
  today,
  lastResult,
}: {
  id: string;
  intent: "signer" | "renouveler";
  name: "signedOn" | "renewedOn";
  label: string;
  button: string;
  today: string;
  lastResult: FormResult;
}) {
  const schema = name === "signedOn" ? signatureSchema : renewSchema;
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: { [name]: today },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const field = (fields as Record<string, typeof fields.signedOn>)[name];
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors errors={form.errors} />
      <InputField field={field} label={label} type="date" />
      <button className="fr-btn" type="submit">
        {button}
      </button>
    </Form>
  );
}
