import { Form, useActionData } from "react-router";
import { requirePermission } from "../../src/acces/guards.server";
import { auditActor } from "../../src/acces/operator";
import { describeVerification, listAuditEntries, recordAudit, verifyAuditChain } from "../../src/audit/journal.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { shortDateTime } from "../components/format";
import { Notice } from "../components/forms/fields";
import type { Route } from "./+types/admin.journal";

export const meta: Route.MetaFunction = () => [{ title: "Journal d’audit — Guichet" }];

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "audit:read");
  await recordAudit({
    action: "audit.viewed",
    ...auditActor(actor),
    ip: clientIp(request),
    userAgent: userAgent(request),
  });
  const entries = await listAuditEntries(200);
  return {
    entries: entries.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      action: entry.action,
      actorId: entry.actorId,
      role: entry.role,
      structureId: entry.structureId,
      target: entry.targetType ? `${entry.targetType} ${entry.targetId ?? ""}` : "",
      ip: entry.ip,
      hash: entry.hash.slice(0, 12),
    })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  await requirePermission(request, "audit:read");
  const verification = await verifyAuditChain();
  return { verification: { ok: verification.ok, message: describeVerification(verification) } };
}

export default function AuditJournal({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const verification = actionData?.verification;
  return (
    <>
      <h1>Journal d’audit</h1>
      <p>
        Le journal ne peut qu’être complété : la base de données refuse toute modification ou suppression, et chaque
        entrée porte l’empreinte de la précédente, signée par une clé gardée hors de la base ; la tête du journal est
        scellée régulièrement hors de la base. Il ne contient que des identifiants, jamais de noms.
      </p>
      {verification &&
        (verification.ok ? (
          <Notice kind="success">{verification.message}</Notice>
        ) : (
          <Notice kind="error">{verification.message}</Notice>
        ))}
      <Form method="post" className="fr-mb-3w">
        <button type="submit" className="fr-btn fr-btn--secondary">
          Vérifier l’intégrité du journal
        </button>
      </Form>
      <div className="fr-table fr-table--bordered">
        <table>
          <caption>Les 200 dernières entrées</caption>
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Date</th>
              <th scope="col">Action</th>
              <th scope="col">Acteur (id)</th>
              <th scope="col">Rôle</th>
              <th scope="col">Cible</th>
              <th scope="col">Adresse IP</th>
              <th scope="col">Empreinte</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.id}</td>
                <td>{shortDateTime(entry.at)}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{entry.actorId ?? "—"}</td>
                <td>{entry.role ?? "—"}</td>
                <td>{entry.target || "—"}</td>
                <td>{entry.ip ?? "—"}</td>
                <td>
                  <code>{entry.hash}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
