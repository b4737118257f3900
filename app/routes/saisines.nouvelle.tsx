import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { orErrorPage, requirePermission } from "../../src/acces/guards.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { isUuid } from "../../src/platform/validation";
import { PARTENAIRES_NATIONAUX } from "../../src/referentiel/partenaires";
import { createSaisine } from "../../src/saisines/create-saisine.server";
import { demarcheContext, partnerReach } from "../../src/saisines/escalation-context.server";
import { createSaisineSchema, IDENTIFICATION_FIELDS, PARTNER_IDENTIFICATION } from "../../src/saisines/saisines.schema";
import { URGENCE_LABELS, URGENCES } from "../../src/saisines/status";
import { FormErrors, InputField, Notice, SelectField } from "../components/forms/fields";
import { DemarcheContextNotice, UnreachablePartners } from "../components/saisines/EscalationContext";
import { TextareaField } from "../components/usagers/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/saisines.nouvelle";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle saisine — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "saisine:create");
  const url = new URL(request.url);
  const pick = (name: string) => {
    const value = url.searchParams.get(name);
    return value && isUuid(value) ? value : null;
  };
  const demarcheId = pick("demarche");
  const demarche = demarcheId ? await orErrorPage(request, () => demarcheContext(actor, demarcheId)) : null;
  const partners = actor.currentStructureId ? await partnerReach(actor.currentStructureId) : [];
  const reachable = new Set(partners.filter((partner) => partner.reachable).map((partner) => partner.key as string));
  const wanted = url.searchParams.get("partenaire") ?? demarche?.partnerKey ?? "";
  return {
    sollicitationId: pick("sollicitation"),
    demarcheId,
    demarche,
    partners,
    partnerKey: reachable.has(wanted) ? wanted : "",
    /** The partner asked for (or the démarche's) has no referent group: said, not silently dropped. */
    unreachableWanted:
      wanted && !reachable.has(wanted) ? (partners.find((p) => p.key === wanted)?.label ?? null) : null,
  };
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "saisine:create");
  const { submission } = await parseForm(request, createSaisineSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () =>
    createSaisine(actor, submission.value, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/saisines/${result.value}`);
}

const identificationFields = Object.entries(IDENTIFICATION_FIELDS).map(([key, field]) => ({
  key,
  label: field.label,
  partners: Object.entries(PARTNER_IDENTIFICATION)
    .filter(([, keys]) => keys?.includes(key as never))
    .map(([partner]) => PARTENAIRES_NATIONAUX[partner as keyof typeof PARTENAIRES_NATIONAUX].label)
    .join(", "),
  hint: field.hint,
}));

export default function NouvelleSaisine({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as never,
    defaultValue: { partnerKey: loaderData.partnerKey, urgence: "standard" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createSaisineSchema }),
  });
  const identification = fields.identification.getFieldset();
  const partnerOptions = loaderData.partners
    .filter((partner) => partner.reachable)
    .map((partner) => ({ value: partner.key, label: partner.nomLong }));
  const blocked = loaderData.demarche?.mandateGap != null;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>Nouvelle saisine</h1>
        <p>
          La saisine part au groupe de référents du partenaire qui couvre votre structure. Une saisine au sujet d’un
          usager nommé part d’une démarche couverte par un mandat en cours de validité. Écrivez le strict nécessaire :
          ni document, ni donnée de santé.
        </p>
        {loaderData.demarche && <DemarcheContextNotice demarche={loaderData.demarche} />}
        {loaderData.unreachableWanted && (
          <Notice kind="warning" title={`${loaderData.unreachableWanted} : aucun groupe de référents`}>
            <p>
              Aucun groupe de référents de ce partenaire ne couvre votre structure. Passez par son canal public (site,
              téléphone, accueil) ou demandez à votre coordinateur départemental de faire désigner un groupe.
            </p>
          </Notice>
        )}
        <UnreachablePartners partners={loaderData.partners} />
        {!blocked && (
          <Form method="post" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            {loaderData.sollicitationId && (
              <input type="hidden" name="sollicitationId" value={loaderData.sollicitationId} />
            )}
            {loaderData.demarcheId && <input type="hidden" name="demarcheId" value={loaderData.demarcheId} />}
            {(fields.sollicitationId.errors || fields.demarcheId.errors) && (
              <p className="fr-error-text">{fields.sollicitationId.errors?.[0] ?? fields.demarcheId.errors?.[0]}</p>
            )}
            <SelectField field={fields.partnerKey} label="Partenaire" options={partnerOptions} />
            <SelectField
              field={fields.urgence}
              label="Urgence"
              options={URGENCES.map((key) => ({ value: key, label: URGENCE_LABELS[key] }))}
              placeholder={null}
            />
            <InputField
              field={fields.objet}
              label="Objet"
              hint="Sans nom ni identifiant : l’objet apparaît dans les listes."
            />
            <TextareaField field={fields.description} label="Description de la situation" rows={6} />
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend">
                Identification demandée par le partenaire (facultatif, sous mandat)
              </legend>
              {identificationFields.map((field) => (
                <div className="fr-fieldset__element" key={field.key}>
                  <InputField
                    field={identification[field.key as keyof typeof identification]}
                    label={`${field.label} (${field.partners})`}
                    hint={field.hint}
                  />
                </div>
              ))}
            </fieldset>
            <button className="fr-btn" type="submit">
              Envoyer la saisine
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
