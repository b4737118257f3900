import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useActionData } from "react-router";
import { z } from "zod";
import { orErrorPage, requirePermission } from "../../src/acces/guards.server";
import { arrivalPrenomSchema, PRENOM_MAX } from "../../src/accueil/file-attente.schema";
import { listWaiting, markLeft, registerArrival } from "../../src/accueil/file-attente-arrivals.server";
import { callNext } from "../../src/accueil/file-attente-call.server";
import { configureFileAttente, fileAttenteStructure } from "../../src/accueil/file-attente-settings.server";
import { isAppError } from "../../src/platform/app-error";
import { parseForm, readFormData } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { parisClock } from "../../src/platform/time";
import { IntentButton } from "../components/file-attente/IntentButton";
import { useAutoRevalidate } from "../components/file-attente/useAutoRevalidate";
import { WaitingTable } from "../components/file-attente/WaitingTable";
import { peopleWaiting } from "../components/file-attente/wording";
import { FormErrors, InputField, Notice } from "../components/forms/fields";
import { invalid, runForForm } from "../form-reply.server";
import type { Route } from "./+types/accueil.file-attente";

export const meta: Route.MetaFunction = () => [{ title: "File d’attente — Guichet" }];

/** The waits shown stay current without a reload. */
const REFRESH_MS = 15_000;

const configureSchema = z.object({ active: z.enum(["oui", "non"]) });
const leftSchema = z.object({ id: z.string().min(1).max(64) });

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "accueil:file_attente");
  const structure = await orErrorPage(request, () => fileAttenteStructure(actor));
  const now = new Date();
  const waiting = structure.active ? await listWaiting(actor, structure.id, now) : [];
  const url = new URL(request.url);
  const ticket = Number.parseInt(url.searchParams.get("ticket") ?? "", 10);
  return {
    structure,
    waiting: waiting.map((entry) => ({
      id: entry.id,
      ticket: entry.ticket,
      prenom: entry.prenom,
      arrivee: parisClock(entry.arrivedAt),
      waitingSeconds: entry.waitingSeconds,
    })),
    notice: noticeFor(url.searchParams.get("motif"), Number.isSafeInteger(ticket) && ticket > 0 ? ticket : null),
  };
}

function noticeFor(motif: string | null, ticket: number | null): string | null {
  switch (motif) {
    case "activee":
      return "La file d’attente est activée pour votre structure.";
    case "desactivee":
      return "La file d’attente est désactivée pour votre structure.";
    case "ticket":
      return ticket ? `Arrivée enregistrée : remettez le ticket n° ${ticket}.` : "Arrivée enregistrée.";
    case "prenom":
      return ticket
        ? `Arrivée enregistrée avec le prénom (ticket n° ${ticket}).`
        : "Arrivée enregistrée avec le prénom.";
    case "parti":
      return "La personne est retirée de la file d’attente.";
    case "personne":
      return "Personne n’attend : il n’y a personne à appeler.";
    default:
      return null;
  }
}

type ActionError = { intent: string; error: string };

export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "accueil:file_attente");
  const intent = String((await readFormData(request.clone())).get("intent") ?? "");
  const failed = (error: unknown) => {
    if (!isAppError(error)) throw error;
    return data<ActionError>(
      { intent, error: error.message },
      { status: error.status >= 400 && error.status < 500 ? error.status : 400 },
    );
  };

  if (intent === "prenom") {
    const { submission } = await parseForm(request, arrivalPrenomSchema);
    if (submission.status !== "success") return invalid(submission);
    const result = await runForForm(submission, () => registerArrival(actor, { prenom: submission.value.prenom }));
    if (!result.ok) return result.response;
    return redirect(`/accueil/file-attente?motif=prenom&ticket=${result.value.ticket}`);
  }
  try {
    switch (intent) {
      case "ticket": {
        const arrival = await registerArrival(actor);
        return redirect(`/accueil/file-attente?motif=ticket&ticket=${arrival.ticket}`);
      }
      case "appeler": {
        const called = await callNext(actor);
        return redirect(called ? `/accueil?fileAttente=${called.id}` : "/accueil/file-attente?motif=personne");
      }
      case "parti": {
        const parsed = leftSchema.safeParse(Object.fromEntries(await readFormData(request)));
        if (!parsed.success)
          return data<ActionError>({ intent, error: "Personne inconnue dans la file d’attente." }, { status: 400 });
        await markLeft(actor, parsed.data.id);
        return redirect("/accueil/file-attente?motif=parti");
      }
      case "configurer": {
        const parsed = configureSchema.safeParse(Object.fromEntries(await readFormData(request)));
        if (!parsed.success)
          return data<ActionError>(
            { intent, error: "Choisissez d’activer ou de désactiver la file d’attente." },
            { status: 400 },
          );
        const active = parsed.data.active === "oui";
        await configureFileAttente(actor, { active }, { ip: clientIp(request), userAgent: userAgent(request) });
        return redirect(`/accueil/file-attente?motif=${active ? "activee" : "desactivee"}`);
      }
      default:
        return data<ActionError>(
          { intent, error: "Action inconnue : rechargez la page et recommencez." },
          { status: 400 },
        );
    }
  } catch (error) {
    return failed(error);
  }
}

function ConfigureForm({ active }: { active: boolean }) {
  return (
    <IntentButton
      intent="configurer"
      fields={{ active: active ? "non" : "oui" }}
      className={`fr-btn${active ? " fr-btn--secondary" : ""}`}
    >
      {active ? "Désactiver la file d’attente" : "Activer la file d’attente"}
    </IntentButton>
  );
}

function PrenomForm({ lastResult }: { lastResult: unknown }) {
  const [form, fields] = useForm({
    id: "arrivee-prenom",
    lastResult: lastResult as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: arrivalPrenomSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="prenom" />
      <FormErrors errors={form.errors} />
      <InputField
        field={fields.prenom}
        label="Prénom seulement"
        hint={`Un prénom ou un surnom, ${PRENOM_MAX} caractères au maximum.`}
        autoComplete="off"
      />
      <button className="fr-btn fr-btn--secondary" type="submit">
        Inscrire avec ce prénom
      </button>
    </Form>
  );
}

export default function FileAttente({ loaderData }: Route.ComponentProps) {
  const { structure, waiting, notice } = loaderData;
  const actionData = useActionData<typeof action>();
  const actionError = actionData && "error" in actionData ? actionData.error : null;
  const prenomResult = actionData && "lastResult" in actionData ? actionData.lastResult : undefined;
  useAutoRevalidate(REFRESH_MS);

  return (
    <>
      <h1>File d’attente</h1>
      <p className="fr-text--lead">{structure.nom}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      {actionError && <Notice kind="error">{actionError}</Notice>}

      {!structure.active ? (
        <>
          <Notice kind="info" title="La file d’attente n’est pas activée">
            <p>
              Une fois activée, chaque arrivée est enregistrée avec un numéro de ticket ou un prénom seulement, l’écran
              de la salle d’attente annonce les appels, et le temps d’attente mesuré est enregistré avec le passage.
            </p>
            {!structure.canConfigure && <p>Seul le ou la responsable de la structure peut l’activer.</p>}
          </Notice>
          {structure.canConfigure && <ConfigureForm active={false} />}
        </>
      ) : (
        <>
          <section className="fr-mb-6w" aria-labelledby="titre-appel">
            <h2 id="titre-appel">Appeler</h2>
            <p className="fr-text--lg">{peopleWaiting(waiting.length)}.</p>
            <IntentButton intent="appeler" className="fr-btn fr-btn--lg fr-icon-megaphone-line fr-btn--icon-left">
              Appeler le suivant
            </IntentButton>
            <p className="fr-mt-2w">
              <a className="fr-link fr-icon-tv-line fr-link--icon-left" href={`/s/${structure.id}/ecran`}>
                Écran de la salle d’attente
              </a>
            </p>
          </section>

          <section className="fr-mb-6w" aria-labelledby="titre-arrivee">
            <h2 id="titre-arrivee">Enregistrer une arrivée</h2>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-5">
                <h3 className="fr-h6">Avec un ticket</h3>
                <p>Le numéro suivant de la journée est attribué ; il s’affiche sur l’écran à l’appel.</p>
                <IntentButton intent="ticket">Remettre un ticket</IntentButton>
              </div>
              <div className="fr-col-12 fr-col-md-7">
                <h3 className="fr-h6">Avec un prénom</h3>
                <Notice kind="warning">
                  <p>
                    Demandez seulement un prénom, ou un surnom : aucune autre information n’est demandée ni enregistrée.
                    Il s’affiche sur l’écran de la salle d’attente à l’appel et il est effacé dès le lendemain.
                  </p>
                </Notice>
                <PrenomForm lastResult={prenomResult} />
              </div>
            </div>
          </section>

          <section className="fr-mb-6w" aria-labelledby="titre-liste">
            <h2 id="titre-liste">Personnes en attente</h2>
            {waiting.length === 0 ? <p>Personne n’attend pour le moment.</p> : <WaitingTable entries={waiting} />}
          </section>

          {structure.canConfigure && (
            <section aria-labelledby="titre-reglage">
              <h2 id="titre-reglage">Réglage</h2>
              <p>La file d’attente est activée pour votre structure.</p>
              <ConfigureForm active />
            </section>
          )}
        </>
      )}
    </>
  );
}
