import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { rendezVousSchema } from "../../src/demarches/demarches.schema";
import { findDemarche, getDemarche } from "../../src/demarches/get-demarche.server";
import { saveRendezVous } from "../../src/demarches/save-rendez-vous.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { parisClock, parisDay } from "../../src/platform/time";
import { FormErrors, InputField, Notice } from "../components/forms/fields";
import { DateTimeField, TextareaField } from "../components/usagers/fields";
import { invalid, runForForm } from "../form-reply.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/demarches.$id.rendez-vous";

export const meta: Route.MetaFunction = () => [{ title: "Préparer le rendez-vous — Guichet" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const demarche = await orErrorPage(request, () =>
    getDemarche(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  const rdv = demarche.rendezVous;
  return {
    demarche: {
      id: demarche.id,
      titre: demarche.titre,
      partenaire: demarche.partenaire,
      closed: demarche.closed,
      pieces: demarche.pieces.map((piece) => piece.libelle),
    },
    usager: demarche.usager,
    saved: new URL(request.url).searchParams.get("motif") === "enregistre",
    values: rdv
      ? {
          rdvAt: `${parisDay(new Date(rdv.at))}T${parisClock(new Date(rdv.at))}`,
          rdvLieu: rdv.lieu ?? "",
          rdvInterlocuteur: rdv.interlocuteur ?? "",
          rdvContact: rdv.contact ?? "",
          rdvRemarques: rdv.remarques ?? "",
        }
      : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  await orErrorPage(request, () => findDemarche(actor, id));
  const { submission } = await parseForm(request, rendezVousSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () =>
    saveRendezVous(actor, id, submission.value, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/demarches/${id}/rendez-vous?motif=enregistre`);
}

export default function RendezVous({ loaderData }: Route.ComponentProps) {
  const { demarche, usager, values, saved } = loaderData;
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.lastResult as never,
    defaultValue: values ?? undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rendezVousSchema }),
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <p>
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/demarches/${demarche.id}`}>
            Retour à la démarche
          </a>
        </p>
        <h1>Préparer le rendez-vous avec le partenaire</h1>
        <p>
          Démarche « {demarche.titre} »{demarche.partenaire ? ` (${demarche.partenaire})` : ""} de {usager.prenom}{" "}
          {usager.nom.toUpperCase()}.
        </p>
        {saved && <Notice kind="success">Le rendez-vous est enregistré.</Notice>}
        {values && (
          <p>
            <a
              className="fr-btn fr-icon-printer-line fr-btn--icon-left"
              href={`/demarches/${demarche.id}/rendez-vous.pdf`}
              target="_blank"
              rel="noopener"
            >
              Imprimer la fiche pour l’usager (PDF, nouvelle fenêtre)
            </a>
          </p>
        )}
        {demarche.closed ? (
          <p>Cette démarche est close : le rendez-vous ne peut plus être modifié.</p>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <DateTimeField field={fields.rdvAt} label="Date et heure" />
            <InputField
              field={fields.rdvLieu}
              label="Lieu"
              hint="Adresse de l’organisme, ou « en visioconférence depuis la France Services »."
            />
            <InputField field={fields.rdvInterlocuteur} label="Personne rencontrée" />
            <InputField
              field={fields.rdvContact}
              label="Contact public de cette personne ou de son service (facultatif)"
              hint="Jamais le contact direct d’un référent, réservé aux agents."
            />
            <TextareaField field={fields.rdvRemarques} label="À savoir pour l’usager (facultatif)" rows={3} />
            <p className="fr-text--sm">
              Pièces à apporter (liste de la démarche) :{" "}
              {demarche.pieces.length ? demarche.pieces.join(", ") : "aucune"}.
            </p>
            <button className="fr-btn" type="submit">
              Enregistrer le rendez-vous
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
