import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { createDemarche } from "../../src/demarches/create-demarche.server";
import { demarcheFormOptions } from "../../src/demarches/demarche-form-options.server";
import { createDemarcheSchema } from "../../src/demarches/demarches.schema";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { viewUsagerSummary } from "../../src/usagers/get-usager.server";
import { FormErrors, InputField, SelectField } from "../components/forms/fields";
import { CheckboxField, TextareaField } from "../components/usagers/fields";
import { SensitiveDataWarning } from "../components/usagers/SensitiveDataWarning";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/demarches.nouvelle";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle démarche — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const usagerId = new URL(request.url).searchParams.get("usager");
  if (!usagerId) throw redirect("/usagers");
  const usager = await orErrorPage(request, () =>
    viewUsagerSummary(actor, usagerId, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  return {
    usager: { id: usager.id, nom: usager.nom, prenom: usager.prenom },
    options: await demarcheFormOptions(actor, usager.structureId),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const { submission } = await parseForm(request, createDemarcheSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () =>
    createDemarche(actor, submission.value, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/demarches/${result.value}?motif=creee`);
}

export default function NouvelleDemarche({ loaderData }: Route.ComponentProps) {
  const { usager, options } = loaderData;
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as never,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createDemarcheSchema }),
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <p>
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/usagers/${usager.id}`}>
            Retour à la fiche de {usager.prenom} {usager.nom.toUpperCase()}
          </a>
        </p>
        <h1>Nouvelle démarche</h1>
        <p>
          Pour {usager.prenom} {usager.nom.toUpperCase()}. Aucun document n’est téléversé : la liste des pièces sert à
          suivre le dossier papier.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="usagerId" value={usager.id} />
          <InputField
            field={fields.titre}
            label="Intitulé de la démarche"
            hint="Par exemple : demande de prime d’activité."
          />
          <SelectField
            field={fields.partenaire}
            label="Partenaire"
            options={options.partenaires}
            placeholder="Aucun partenaire"
          />
          <SelectField
            field={fields.situationKey}
            label="Situation du bouquet de services"
            options={options.situations}
            placeholder="Aucune situation"
          />
          <div className="fr-mb-3w">
            <CheckboxField
              field={fields.pourLeCompte}
              label="Démarche réalisée au nom et pour le compte de l’usager"
              hint="Les actions faites en son nom exigeront un mandat signé qui couvre cette démarche."
            />
          </div>
          <TextareaField
            field={fields.pieces}
            label="Pièces justificatives à fournir"
            hint="Une pièce par ligne. Seule la liste est enregistrée, jamais les documents."
            rows={5}
          />
          <InputField field={fields.prochaineEtape} label="Prochaine étape (facultatif)" />
          <InputField
            field={fields.prochaineEtapeLe}
            label="Date de la prochaine étape (facultatif)"
            type="date"
            hint="La démarche apparaîtra ce jour-là dans votre liste « à faire »."
          />
          <SensitiveDataWarning />
          <TextareaField field={fields.notes} label="Notes de suivi (facultatif)" />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button className="fr-btn" type="submit">
                Ouvrir la démarche
              </button>
            </li>
          </ul>
        </Form>
      </div>
    </div>
  );
}
