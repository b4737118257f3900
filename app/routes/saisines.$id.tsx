import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { orErrorPage, requirePermission } from "../../src/acces/guards.server";
import { parseForm } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { partenaireLabel } from "../../src/referentiel/partenaires";
import { findSaisine, getSaisine } from "../../src/saisines/get-saisine.server";
import { postMessage } from "../../src/saisines/post-message.server";
import { postMessageSchema } from "../../src/saisines/saisines.schema";
import {
  AGENT_MESSAGE_TYPES,
  MESSAGE_TYPE_LABELS,
  REFERENT_MESSAGE_TYPES,
  STATUS_LABELS,
  URGENCE_LABELS,
  type Urgence,
  USEFULNESS,
  USEFULNESS_LABELS,
} from "../../src/saisines/status";
import { longDateTime } from "../components/format";
import { FormErrors, SelectField } from "../components/forms/fields";
import { StatusBadge, TextareaField } from "../components/usagers/fields";
import { invalid, runForForm } from "../form-reply.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/saisines.$id";

export const meta: Route.MetaFunction = () => [{ title: "Saisine — Guichet" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "saisine:read");
  const id = routeId(request, params);
  const view = await orErrorPage(request, () =>
    getSaisine(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  const { row, state } = view;
  const name = (id: string | null) => {
    const author = view.authors.find((candidate) => candidate.id === id);
    return author ? `${author.prenom} ${author.nom}` : "—";
  };
  const groupName = (id: string | null) => view.groups.find((group) => group.id === id)?.nom ?? "—";
  return {
    id: row.id,
    objet: row.objet ?? "(données détruites)",
    description: row.description,
    partenaire: partenaireLabel(row.partnerKey),
    urgence: URGENCE_LABELS[row.urgence as Urgence] ?? row.urgence,
    structureNom: view.structureNom,
    auteur: name(row.authorId),
    createdAt: row.createdAt.toISOString(),
    groupe: groupName(state.groupId),
    statut: STATUS_LABELS[state.status],
    closed: state.status === "close",
    side: view.side,
    /** Back to the démarche it was written from: for the agents' side only (referents do not see démarches). */
    demarcheId: view.side === "agent" ? row.demarcheId : null,
    identification: view.identification,
    deadline: {
      dueAt: view.deadline.dueAt?.toISOString() ?? null,
      kind: view.deadline.kind,
      late: view.deadline.late,
      dueSoon: view.deadline.dueSoon,
    },
    messages: view.thread.map((message) => ({
      id: message.id,
      type: MESSAGE_TYPE_LABELS[message.type],
      side: message.side,
      auteur: message.side === "systeme" ? "Guichet" : name(message.authorId),
      body: message.body,
      at: message.at.toISOString(),
      target: message.targetGroupId ? groupName(message.targetGroupId) : null,
      usefulness: message.usefulness ? USEFULNESS_LABELS[message.usefulness] : null,
    })),
    rerouteTargets: view.rerouteTargets.map((group) => ({ value: group.id, label: group.nom })),
    destroyed: row.destroyedAt !== null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "saisine:read");
  const id = routeId(request, params);
  // Out of scope answers 403/404 before anything is read from the form.
  await orErrorPage(request, () => findSaisine(actor, id));
  const { submission } = await parseForm(request, postMessageSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () =>
    postMessage(actor, id, submission.value, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/saisines/${id}`);
}

function MessageForm({
  side,
  rerouteTargets,
  closed,
}: {
  side: "agent" | "referent";
  rerouteTargets: Array<{ value: string; label: string }>;
  closed: boolean;
}) {
  const actionData = useActionData<typeof action>();
  const types = (side === "agent" ? AGENT_MESSAGE_TYPES : REFERENT_MESSAGE_TYPES).filter(
    (type) => type !== "cloture" && (type !== "mauvais_interlocuteur" || rerouteTargets.length > 0),
  );
  const [form, fields] = useForm({
    id: "message",
    lastResult: actionData?.lastResult as never,
    defaultValue: { type: types[0] },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: postMessageSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <h2>{closed ? "Rouvrir la saisine par un message" : "Répondre"}</h2>
      <FormErrors errors={form.errors} />
      <SelectField
        field={fields.type}
        label="Type de message"
        options={types.map((type) => ({ value: type, label: MESSAGE_TYPE_LABELS[type] }))}
        placeholder={null}
      />
      <TextareaField field={fields.body} label="Message" hint="Facultatif pour « Je m’en occupe »." />
      {side === "referent" && rerouteTargets.length > 0 && (
        <SelectField
          field={fields.targetGroupId}
          label="Groupe à qui transmettre (pour « Pas le bon interlocuteur »)"
          options={rerouteTargets}
          placeholder="Aucun"
        />
      )}
      <button className="fr-btn" type="submit">
        Envoyer
      </button>
    </Form>
  );
}

function CloseForm() {
  return (
    <Form method="post" id="cloture">
      <input type="hidden" name="type" value="cloture" />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">Clore la saisine</h2>
          La saisine vous a-t-elle été utile ?
        </legend>
        {USEFULNESS.map((key) => (
          <div className="fr-fieldset__element" key={key}>
            <div className="fr-radio-group">
              <input type="radio" id={`usefulness-${key}`} name="usefulness" value={key} required />
              <label className="fr-label" htmlFor={`usefulness-${key}`}>
                {USEFULNESS_LABELS[key]}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <button className="fr-btn fr-btn--secondary" type="submit">
        Clore la saisine
      </button>
    </Form>
  );
}

export default function Saisine({ loaderData: s }: Route.ComponentProps) {
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <p>
          <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/saisines">
            Toutes les saisines
          </a>
        </p>
        <h1>{s.objet}</h1>
        <div className="fr-mb-2w">
          <StatusBadge kind={s.closed ? "success" : "info"}>{s.statut}</StatusBadge>
          {s.deadline.late && <StatusBadge kind="error">En retard</StatusBadge>}
          {s.deadline.dueSoon && <StatusBadge kind="warning">Échéance &lt; 24 h</StatusBadge>}
        </div>
        <ul>
          <li>
            Partenaire : {s.partenaire} — groupe : {s.groupe}
          </li>
          <li>
            Structure : {s.structureNom} — saisine de {s.auteur}, le {longDateTime(s.createdAt)}
          </li>
          <li>Urgence : {s.urgence}</li>
          {s.demarcheId && (
            <li>
              Écrite depuis une démarche :{" "}
              <a href={`/demarches/${s.demarcheId}`} id="lien-demarche">
                revenir à la démarche
              </a>
            </li>
          )}
          {s.deadline.dueAt && (
            <li>
              Échéance ({s.deadline.kind === "premiere_reponse" ? "première réponse" : "résolution"}) :{" "}
              {longDateTime(s.deadline.dueAt)}
            </li>
          )}
          {s.identification.map((entry) => (
            <li key={entry.key}>
              {entry.label} : {entry.value}
            </li>
          ))}
        </ul>
        {s.description && <p className="fr-text--lead">{s.description}</p>}
        <h2>Échanges</h2>
        {s.messages.length === 0 ? (
          <p>Aucun message pour l’instant.</p>
        ) : (
          <ol className="fr-raw-list">
            {s.messages.map((message) => (
              <li key={message.id} className="fr-mb-2w">
                <p className="fr-mb-0">
                  <strong>{message.type}</strong> — {message.auteur} (
                  {message.side === "referent" ? "référent" : message.side === "agent" ? "agent" : "automatique"}), le{" "}
                  {longDateTime(message.at)}
                  {message.target && ` — transmise à : ${message.target}`}
                  {message.usefulness && ` — ${message.usefulness}`}
                </p>
                {message.body && <p>{message.body}</p>}
              </li>
            ))}
          </ol>
        )}
        {!s.destroyed && s.side && <MessageForm side={s.side} rerouteTargets={s.rerouteTargets} closed={s.closed} />}
        {!s.destroyed && s.side === "agent" && !s.closed && <CloseForm />}
      </div>
    </div>
  );
}
