import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useActionData } from "react-router";
import { errorResponse, requirePermission } from "../../src/acces/guards.server";
import { addRole } from "../../src/comptes/add-role.server";
import { endRole } from "../../src/comptes/end-role.server";
import { requireUserInScope } from "../../src/comptes/get-user-in-scope.server";
import { addRoleSchema, endRoleSchema } from "../../src/comptes/invitations.schema";
import type { ManagedRole } from "../../src/comptes/managed-users.server";
import { roleFormOptions } from "../../src/comptes/role-form-options.server";
import { parseForm, readFormData } from "../../src/platform/form.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { shiftDay } from "../../src/platform/time";
import { RoleScopeFields } from "../components/comptes/RoleScopeFields";
import { shortDate } from "../components/format";
import { FormErrors, Notice } from "../components/forms/fields";
import { DsfrTable } from "../components/tables/DsfrTable";
import { invalid, runForForm } from "../form-reply.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/utilisateurs.$id";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data ? `${data.user.prenom} ${data.user.nom}` : "Utilisateur"} — Guichet` },
];

const NOTICES: Record<string, string> = {
  "role-ajoute": "Le rôle a été ajouté.",
  "role-termine": "La date de fin du rôle a été enregistrée.",
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "user:manage");
  const id = routeId(request, params);
  const user = await requireUserInScope(request, actor, id);
  const motif = new URL(request.url).searchParams.get("motif") ?? "";
  return { user, options: await roleFormOptions(actor), notice: NOTICES[motif] ?? null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const id = routeId(request, params);
  const user = await requireUserInScope(request, actor, id);
  const intent = (await readFormData(request.clone())).get("intent");
  const ctx = { ip: clientIp(request), userAgent: userAgent(request) };

  if (intent === "terminer") {
    const { submission } = await parseForm(request, endRoleSchema);
    if (submission.status !== "success") return invalid(submission);
    const { assignmentId, endsOn } = submission.value;
    if (!user.roles.some((role) => role.id === assignmentId)) throw errorResponse(request, "role.not_found", 404);
    const result = await runForForm(submission, () => endRole(actor, assignmentId, endsOn, ctx));
    if (!result.ok) return result.response;
    return redirect(`/utilisateurs/${user.id}?motif=role-termine`);
  }

  const { submission } = await parseForm(request, addRoleSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await runForForm(submission, () => addRole(actor, user.id, submission.value));
  if (!result.ok) return result.response;
  return redirect(`/utilisateurs/${user.id}?motif=role-ajoute`);
}

type Reply = SubmissionResult<string[]> & { initialValue?: Record<string, unknown> | null };

const STATUS_LABELS: Record<ManagedRole["status"], string> = {
  actif: "En cours",
  a_venir: "À venir",
  termine: "Terminé",
};

function EndRoleForm({ role, today, lastResult }: { role: ManagedRole; today: string; lastResult: Reply | undefined }) {
  const [form, fields] = useForm({
    id: `terminer-${role.id}`,
    lastResult,
    defaultValue: { endsOn: role.startsOn > today ? role.startsOn : today },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: endRoleSchema }),
  });
  const error = fields.endsOn.errors?.[0] ?? form.errors?.[0];
  const { key, ...dateProps } = getInputProps(fields.endsOn, { type: "date", ariaAttributes: true });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="terminer" />
      <input type="hidden" name="assignmentId" value={role.id} />
      <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`} key={key}>
        <label className="fr-label" htmlFor={fields.endsOn.id}>
          Dernier jour
          <span className="fr-sr-only">
            {" "}
            du rôle {role.roleLabel} — {role.scopeLabel}
          </span>
          <span className="fr-hint-text">
            Le rôle s’exerce jusqu’à ce jour inclus. Pour retirer l’accès tout de suite, indiquez la veille
            {role.startsOn >= today ? ` (au plus tôt le ${shortDate(shiftDay(role.startsOn, -1))})` : ""}.
          </span>
        </label>
        <input
          className={`fr-input${error ? " fr-input--error" : ""}`}
          {...dateProps}
          min={shiftDay(role.startsOn, -1)}
        />
        {error && (
          <p id={fields.endsOn.errorId} className="fr-error-text">
            {error}
          </p>
        )}
      </div>
      <button className="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
        Mettre fin
        <span className="fr-sr-only">
          {" "}
          au rôle {role.roleLabel} — {role.scopeLabel}
        </span>
      </button>
    </Form>
  );
}

function AddRoleForm({
  options,
  lastResult,
}: {
  options: Route.ComponentProps["loaderData"]["options"];
  lastResult: Reply | undefined;
}) {
  const [form, fields] = useForm({
    id: "ajouter-role",
    lastResult,
    defaultValue: { startsOn: options.today },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addRoleSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="ajouter" />
      <FormErrors errors={form.errors} />
      <RoleScopeFields fields={fields} options={options} idPrefix="ajout" />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button className="fr-btn" type="submit">
            Ajouter le rôle
          </button>
        </li>
      </ul>
    </Form>
  );
}

export default function Utilisateur({ loaderData }: Route.ComponentProps) {
  const { user, options, notice } = loaderData;
  const actionData = useActionData<typeof action>();
  const reply = actionData?.lastResult as Reply | undefined;
  const submitted = reply?.initialValue ?? {};
  return (
    <>
      <p>
        <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/utilisateurs">
          Retour à l’équipe
        </a>
      </p>
      <h1>
        {user.prenom} {user.nom}
      </h1>
      <p>Adresse électronique : {user.email}</p>
      {user.disabled && <Notice kind="warning">Ce compte est désactivé : ses rôles ne donnent accès à rien.</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}

      <DsfrTable id="table-roles" caption="Rôles sur votre périmètre">
        <thead>
          <tr>
            <th scope="col">Rôle</th>
            <th scope="col">Périmètre</th>
            <th scope="col">Période</th>
            <th scope="col">État</th>
            <th scope="col">Mettre fin</th>
          </tr>
        </thead>
        <tbody>
          {user.roles.map((role) => (
            <tr key={role.id}>
              <td>{role.roleLabel}</td>
              <td>{role.scopeLabel}</td>
              <td>{role.periodLabel}</td>
              <td>{STATUS_LABELS[role.status]}</td>
              <td>
                {role.status === "termine" ? (
                  "—"
                ) : (
                  <EndRoleForm
                    role={role}
                    today={options.today}
                    lastResult={
                      submitted.intent === "terminer" && submitted.assignmentId === role.id ? reply : undefined
                    }
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>

      <h2 className="fr-mt-5w">Ajouter un rôle</h2>
      {options.roles.length === 0 ? (
        <p>Vous n’avez aucun rôle à attribuer sur votre périmètre.</p>
      ) : (
        <AddRoleForm options={options} lastResult={submitted.intent === "terminer" ? undefined : reply} />
      )}
    </>
  );
}
