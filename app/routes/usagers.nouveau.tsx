import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { createUsager, currentUsagerStructure } from "../../src/usagers/create-usager.server";
import { createUsagerSchema } from "../../src/usagers/usagers.schema";
import { FormErrors, InputField } from "../components/forms/fields";
import { CheckboxField } from "../components/usagers/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/usagers.nouveau";

export const meta: Route.MetaFunction = () => [{ title: "Créer une fiche usager — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  await orErrorPage(request, async () => currentUsagerStructure(actor));
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const { submission } = await parseForm(request, createUsagerSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () =>
    createUsager(actor, submission.value, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/usagers/${result.value}?motif=cree`);
}

export default function NouvelUsager() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as never,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createUsagerSchema }),
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <p>
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/usagers">
            Retour aux usagers
          </a>
        </p>
        <h1>Créer une fiche usager</h1>
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Avant de créer la fiche</h2>
          <p className="fr-callout__text">
            Créez une fiche seulement si un suivi l’exige. Remettez d’abord à l’usager la notice d’information sur ses
            données et ses droits.
          </p>
          <p>
            <a
              className="fr-link fr-icon-file-pdf-line fr-link--icon-left"
              href="/usagers/notice.pdf"
              target="_blank"
              rel="noopener"
            >
              Imprimer la notice d’information (PDF, nouvelle fenêtre)
            </a>
          </p>
        </div>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <fieldset className="fr-fieldset" aria-labelledby="identite-legende">
            <legend className="fr-fieldset__legend" id="identite-legende">
              Identité
            </legend>
            <div className="fr-fieldset__element">
              <InputField field={fields.nom} label="Nom" autoComplete="off" />
            </div>
            <div className="fr-fieldset__element">
              <InputField field={fields.prenom} label="Prénom" autoComplete="off" />
            </div>
            <div className="fr-fieldset__element">
              <InputField
                field={fields.dateNaissance}
                label="Date de naissance (facultatif)"
                type="date"
                hint="Seulement si la démarche en a besoin."
              />
            </div>
          </fieldset>
          <fieldset className="fr-fieldset" aria-labelledby="contact-legende">
            <legend className="fr-fieldset__legend" id="contact-legende">
              Contact (facultatif)
            </legend>
            <div className="fr-fieldset__element">
              <InputField
                field={fields.telephone}
                label="Téléphone"
                type="tel"
                autoComplete="off"
                hint="Format attendu : 06 12 34 56 78"
              />
            </div>
            <div className="fr-fieldset__element">
              <InputField
                field={fields.email}
                label="Adresse électronique"
                type="email"
                autoComplete="off"
                hint="Format attendu : nom@domaine.fr"
              />
            </div>
            <div className="fr-fieldset__element">
              <InputField field={fields.commune} label="Commune de résidence" autoComplete="off" />
            </div>
          </fieldset>
          <div className="fr-mb-3w">
            <CheckboxField
              field={fields.noticeRemise}
              label="L’usager a reçu la notice d’information sur ses données personnelles et ses droits"
            />
          </div>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button className="fr-btn" type="submit">
                Créer la fiche
              </button>
            </li>
          </ul>
        </Form>
      </div>
    </div>
  );
}
