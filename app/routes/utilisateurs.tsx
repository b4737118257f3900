import { requirePermission } from "../../src/acces/guards.server";
import { rolesGrant } from "../../src/acces/permissions";
import { listPendingInvitations } from "../../src/comptes/list-pending-invitations.server";
import { listUsersInScope } from "../../src/comptes/list-users-in-scope.server";
import { shortDate } from "../components/format";
import { Notice } from "../components/forms/fields";
import { DsfrTable } from "../components/tables/DsfrTable";
import type { Route } from "./+types/utilisateurs";

export const meta: Route.MetaFunction = () => [{ title: "Équipe et comptes — Guichet" }];

const NOTICES: Record<string, string> = {
  "invitation-envoyee": "L’invitation a été envoyée. Elle apparaît ci-dessous tant qu’elle n’a pas été acceptée.",
  "role-attribue":
    "Cette personne avait déjà un compte : le rôle lui a été attribué et elle en a été informée par courriel.",
};

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "user:read");
  const [team, pending] = await Promise.all([listUsersInScope(actor), listPendingInvitations(actor)]);
  const motif = new URL(request.url).searchParams.get("motif") ?? "";
  return {
    team,
    pending: pending.map((invitation) => ({ ...invitation, expiresOn: shortDate(invitation.expiresOn) })),
    canInvite: rolesGrant(actor.roles, "user:invite"),
    canManage: rolesGrant(actor.roles, "user:manage"),
    notice: NOTICES[motif] ?? null,
  };
}

export default function Utilisateurs({ loaderData }: Route.ComponentProps) {
  const { team, pending, canInvite, canManage, notice } = loaderData;
  return (
    <>
      <h1>Équipe et comptes</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>Les personnes qui ont un rôle en cours ou à venir sur votre périmètre, et les invitations en attente.</p>
      {canInvite && (
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a className="fr-btn fr-icon-user-add-line fr-btn--icon-left" href="/utilisateurs/inviter">
              Inviter une personne
            </a>
          </li>
        </ul>
      )}

      {team.length === 0 ? (
        <p>Aucune personne n’a de rôle en cours sur votre périmètre.</p>
      ) : (
        <DsfrTable id="table-equipe" caption={`Membres de l’équipe (${team.length})`} noScroll>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Rôles</th>
            </tr>
          </thead>
          <tbody>
            {team.map((user) => (
              <tr key={user.id}>
                <td>
                  {canManage ? (
                    <a className="fr-link" href={`/utilisateurs/${user.id}`}>
                      {user.prenom} {user.nom}
                    </a>
                  ) : (
                    `${user.prenom} ${user.nom}`
                  )}
                  {user.disabled && (
                    <p className="fr-badge fr-badge--sm fr-badge--warning fr-mt-1v">Compte désactivé</p>
                  )}
                </td>
                <td>{user.email}</td>
                <td>
                  <ul className="fr-raw-list">
                    {user.roles.map((role) => (
                      <li key={role.id}>
                        {role.roleLabel} — {role.scopeLabel} ({role.periodLabel})
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}

      <h2 className="fr-mt-5w">Invitations en attente</h2>
      {pending.length === 0 ? (
        <p>Aucune invitation en attente.</p>
      ) : (
        <DsfrTable
          id="table-invitations"
          caption={`Invitations envoyées, pas encore acceptées (${pending.length})`}
          noScroll
        >
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">Rôle proposé</th>
              <th scope="col">Valable jusqu’au</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((invitation) => (
              <tr key={invitation.id}>
                <td>
                  {invitation.prenom} {invitation.nom}
                </td>
                <td>{invitation.email}</td>
                <td>
                  {invitation.roleLabel} — {invitation.scopeLabel}
                </td>
                <td>{invitation.expiresOn}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
    </>
  );
}
