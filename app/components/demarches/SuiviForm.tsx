import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { suiviSchema } from "../../../src/demarches/demarches.schema";
import type { DemarcheDetail } from "../../../src/demarches/get-demarche.server";
import { DEMARCHE_STATUTS } from "../../../src/donnees-personnelles/demarches.labels";
import { optionsOf } from "../../../src/structures/structures.labels";
import { FormErrors, InputField, SelectField } from "../forms/fields";
import type { FormResult } from "../forms/intent-reply";
import { TextareaField } from "../usagers/fields";
import { SensitiveDataWarning } from "../usagers/SensitiveDataWarning";

/** The follow-up of a démarche: status, agent in charge, next step, notes. */
export function SuiviForm({ demarche, lastResult }: { demarche: DemarcheDetail; lastResult: FormResult }) {
  const [form, fields] = useForm({
    id: "suivi",
    lastResult,
    defaultValue: {
      statut: demarche.statut,
      agentId: demarche.agentId,
      prochaineEtape: demarche.prochaineEtape ?? "",
      prochaineEtapeLe: demarche.prochaineEtapeLe ?? "",
      notes: demarche.notes ?? "",
      remarquesTransmission: demarche.remarquesTransmission ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: suiviSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="suivi" />
      <FormErrors errors={form.errors} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <SelectField field={fields.statut} label="Statut" options={optionsOf(DEMARCHE_STATUTS)} placeholder={null} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <SelectField
            field={fields.agentId}
            label="Agent en charge"
            options={demarche.agents.map((agent) => ({ value: agent.id, label: agent.nom }))}
            placeholder={null}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.prochaineEtape} label="Prochaine étape" />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <InputField field={fields.prochaineEtapeLe} label="Date de la prochaine étape" type="date" />
        </div>
      </div>
      <SensitiveDataWarning />
      <TextareaField field={fields.notes} label="Notes de suivi" />
      <TextareaField
        field={fields.remarquesTransmission}
        label="Remarques utiles pour le partenaire"
        hint="Elles figurent sur la fiche de transmission."
        rows={3}
      />
      <button className="fr-btn fr-btn--secondary" type="submit">
        Enregistrer le suivi
      </button>
    </Form>
  );
}
