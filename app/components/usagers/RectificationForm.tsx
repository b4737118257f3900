import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import type { UsagerFile } from "../../../src/usagers/get-usager.server";
import { usagerFieldsSchema } from "../../../src/usagers/usagers.schema";
import { FormErrors, InputField } from "../forms/fields";
import type { FormResult } from "../forms/intent-reply";

/** The usager's right to rectification: identity and contact, corrected in place. */
export function RectificationForm({ usager, lastResult }: { usager: UsagerFile["usager"]; lastResult: FormResult }) {
  const [form, fields] = useForm({
    id: "rectification",
    lastResult,
    defaultValue: {
      nom: usager.nom,
      prenom: usager.prenom,
      dateNaissance: usager.dateNaissance ?? "",
      telephone: usager.telephone ?? "",
      email: usager.email ?? "",
      commune: usager.commune ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: usagerFieldsSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="modifier" />
      <FormErrors errors={form.errors} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.nom} label="Nom" autoComplete="off" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.prenom} label="Prénom" autoComplete="off" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.dateNaissance} label="Date de naissance (facultatif)" type="date" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.commune} label="Commune de résidence (facultatif)" autoComplete="off" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.telephone} label="Téléphone (facultatif)" type="tel" autoComplete="off" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.email} label="Adresse électronique (facultatif)" type="email" autoComplete="off" />
        </div>
      </div>
      <button className="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
        Enregistrer la rectification
      </button>
    </Form>
  );
}
