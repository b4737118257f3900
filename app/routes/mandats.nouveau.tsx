import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { DONNEES_AUTORISEES, DUTIES_OF_MANDATAIRE } from "../../src/donnees-personnelles/mandats.labels";
import { createMandat } from "../../src/mandats/create-mandat.server";
import { mandatFormOptions } from "../../src/mandats/mandat-form.server";
import { createMandatSchema } from "../../src/mandats/mandats.schema";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { Choice, ChoiceGroup } from "../components/accueil/controls";
import { FormErrors, InputField } from "../components/forms/fields";
import { CheckboxField } from "../components/usagers/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/mandats.nouveau";

export const meta: Route.MetaFunction = () => [{ title: "Nouveau mandat — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const usagerId = new URL(request.url).searchParams.get("usager");
  if (!usagerId) throw redirect("/usagers");
  return orErrorPage(request, () =>
    mandatFormOptions(actor, usagerId, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const { submission } = await parseForm(request, createMandatSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () =>
    createMandat(actor, submission.value, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/mandats/${result.value}?motif=cree`);
}

type MandatFormShape = {
  usagerId: string;
  demarches: string[];
  donnees: string[];
  identifiantsConnexion: boolean;
  lieu: string;
  identiteVerifiee: boolean;
};

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
}

export default function NouveauMandat({ loaderData }: Route.ComponentProps) {
  const { usager, demarches, lieu } = loaderData;
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<MandatFormShape>({
    lastResult: actionData?.lastResult as never,
    defaultValue: { lieu, donnees: ["etat_civil"] },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createMandatSchema }),
  });
  const chosenDemarches = asList(fields.demarches.initialValue);
  const chosenDonnees = asList(fields.donnees.initialValue);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <p>
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/usagers/${usager.id}`}>
            Retour à la fiche de {usager.prenom} {usager.nom.toUpperCase()}
          </a>
        </p>
        <h1>Nouveau mandat</h1>
        <p>
          {usager.prenom} {usager.nom.toUpperCase()} (le mandant) vous confie, à vous et à votre structure (le
          mandataire), des démarches précises. Le mandat est signé sur place par les deux parties, en deux exemplaires
          originaux ; aucune copie numérisée n’est conservée.
        </p>
        {demarches.length === 0 ? (
          <p>
            Aucune démarche en cours pour cet usager : un mandat couvre des démarches précises.{" "}
            <a className="fr-link" href={`/demarches/nouvelle?usager=${usager.id}`}>
              Ouvrir une démarche
            </a>
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <input type="hidden" name="usagerId" value={usager.id} />
            <ChoiceGroup
              id={fields.demarches.id}
              legend="Démarches couvertes par le mandat"
              error={fields.demarches.errors?.[0]}
            >
              {demarches.map((demarche) => (
                <Choice
                  key={demarche.value}
                  type="checkbox"
                  id={`demarche-${demarche.value}`}
                  name="demarches"
                  value={demarche.value}
                  label={demarche.label}
                  defaultChecked={chosenDemarches.includes(demarche.value)}
                />
              ))}
            </ChoiceGroup>
            <ChoiceGroup
              id={fields.donnees.id}
              legend="Données personnelles que le mandant autorise à utiliser"
              hint="Le strict nécessaire à ces démarches."
              error={fields.donnees.errors?.[0]}
            >
              {Object.entries(DONNEES_AUTORISEES).map(([key, label]) => (
                <Choice
                  key={key}
                  type="checkbox"
                  id={`donnee-${key}`}
                  name="donnees"
                  value={key}
                  label={label}
                  defaultChecked={chosenDonnees.includes(key)}
                />
              ))}
            </ChoiceGroup>
            <div className="fr-mb-3w">
              <CheckboxField
                field={fields.identifiantsConnexion}
                label="Les codes et identifiants de connexion de l’usager sont inclus dans ces données"
                hint="Mention portée explicitement sur le mandat. Guichet ne les enregistre jamais."
              />
            </div>
            <InputField field={fields.lieu} label="Lieu de signature" />
            <div className="fr-callout fr-my-3w">
              <p className="fr-callout__text">En signant, le mandataire s’engage à :</p>
              <ol>
                {DUTIES_OF_MANDATAIRE.map((duty) => (
                  <li key={duty}>{duty}</li>
                ))}
              </ol>
              <p>
                Le mandat prend fin à la réalisation des démarches ; à défaut, il vaut un an, renouvelable. L’usager
                peut le retirer à tout moment.
              </p>
            </div>
            <div className="fr-mb-3w">
              <CheckboxField
                field={fields.identiteVerifiee}
                label="J’ai vérifié l’identité de l’usager et je l’ai informé de l’usage de ses données, de ses droits et des démarches effectuées"
              />
            </div>
            <button className="fr-btn" type="submit">
              Établir le mandat
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
