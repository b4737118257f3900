import { desc, eq } from "drizzle-orm";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../src/db/client.server";
import { auditLog, invitations, outbox, roleAssignments, users } from "../../src/db/schema";
import {
  anonymousRequest,
  createTestStructure,
  createTestUser,
  formBody,
  sessionRequest,
} from "../../src/test/factories";
import * as invitation from "./invitation.$token";
import * as list from "./utilisateurs";
import * as detail from "./utilisateurs.$id";
import * as inviter from "./utilisateurs.inviter";

type Reply = {
  status?: string;
  initialValue?: Record<string, unknown> | null;
  error?: Record<string, string[] | null>;
};
type DataWithInit = { type: "DataWithResponseInit"; data: { lastResult: Reply }; init: { status: number } };

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "" } }) as never;
const FORM = { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000" };

async function outcome(
  call: () => Promise<unknown>,
): Promise<{ status: number; location: string | null; data: DataWithInit["data"] | null }> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    result = error;
  }
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("location"), data: null };
  if (typeof result === "object" && result && (result as { type?: string }).type === "DataWithResponseInit") {
    const value = result as DataWithInit;
    return { status: value.init.status, location: null, data: value.data };
  }
  if (result instanceof Error) throw result;
  return { status: 200, location: null, data: null };
}

async function post(userId: string | null, path: string, values: Record<string, string>) {
  const init = { method: "POST", body: formBody(values), headers: FORM };
  return userId ? sessionRequest(userId, path, init) : anonymousRequest(path, init);
}

let s57: string;
let s57b: string;
let s92: string;
let responsable: string;
let coordinateur: string;
let admin: string;
let agent: string;

beforeAll(async () => {
  s57 = await createTestStructure({
    nom: "France Services de Metz",
    departement: "57",
    communeInsee: "57463",
    codePostal: "57000",
  });
  s57b = await createTestStructure({
    nom: "France Services de Thionville",
    departement: "57",
    communeInsee: "57672",
    codePostal: "57100",
  });
  s92 = await createTestStructure({ nom: "France Services de Fontenay", departement: "92" });
  responsable = (await createTestUser([{ role: "responsable", structureId: s57, startsOn: "2020-01-01" }])).userId;
  coordinateur = (await createTestUser([{ role: "coordinateur", departement: "57", startsOn: "2020-01-01" }])).userId;
  admin = (await createTestUser([{ role: "admin", startsOn: "2020-01-01" }])).userId;
  agent = (await createTestUser([{ role: "agent", structureId: s57, startsOn: "2020-01-01" }])).userId;
});

describe("/utilisateurs/inviter", () => {
  it("offers a responsable only the roles and structures they may grant", async () => {
    const data = await inviter.loader(args(await sessionRequest(responsable, "/utilisateurs/inviter")));
    expect(data.options.roles.map((role) => role.value)).toEqual(["agent", "responsable"]);
    expect(data.options.structures).toEqual([{ value: s57, label: "France Services de Metz" }]);
    expect(data.options.departements).toEqual([]);
    expect(data.options.partenaires).toEqual([]);
  });

  it("offers a coordinateur the structures and the département of their scope", async () => {
    const data = await inviter.loader(args(await sessionRequest(coordinateur, "/utilisateurs/inviter")));
    expect(data.options.roles.map((role) => role.value)).toEqual(["agent", "responsable", "referent", "coordinateur"]);
    expect(data.options.structures.map((structure) => structure.value).sort()).toEqual([s57, s57b].sort());
    expect(data.options.departements).toEqual([{ value: "57", label: "57 — Moselle" }]);
    expect(data.options.partenaires.length).toBeGreaterThan(5);
  });

  it("refuses an agent", async () => {
    expect(
      (await outcome(async () => inviter.loader(args(await sessionRequest(agent, "/utilisateurs/inviter"))))).status,
    ).toBe(403);
  });

  it("answers 400 with the typed values and one French message per field on bad input", async () => {
    const request = await post(responsable, "/utilisateurs/inviter", {
      prenom: "Zéphyrine",
      nom: "",
      email: "pas-une-adresse",
      role: "agent",
      startsOn: "2025-09-01",
      endsOn: "2025-08-01",
    });
    const { status, data } = await outcome(() => inviter.action(args(request)));
    expect(status).toBe(400);
    expect(data?.lastResult.initialValue).toMatchObject({
      prenom: "Zéphyrine",
      email: "pas-une-adresse",
      role: "agent",
      startsOn: "2025-09-01",
    });
    expect(data?.lastResult.error).toMatchObject({
      nom: ["Saisissez le nom."],
      email: ["Saisissez une adresse électronique valide, par exemple nom@exemple.fr."],
      structureId: ["Choisissez la structure où ce rôle s’exerce."],
      endsOn: ["La date de fin doit être égale ou postérieure à la date de début."],
    });
  });

  it("answers 403 on the structure field for a structure out of scope, and invites nobody", async () => {
    const request = await post(responsable, "/utilisateurs/inviter", {
      prenom: "Zéphyrine",
      nom: "Quintalabre",
      email: "hors-perimetre@exemple.fr",
      role: "agent",
      structureId: s92,
      startsOn: "2025-09-01",
    });
    const { status, data } = await outcome(() => inviter.action(args(request)));
    expect(status).toBe(403);
    expect(data?.lastResult.error?.structureId).toEqual(["Vous ne pouvez pas inviter sur ce périmètre."]);
    expect(
      await db().select().from(invitations).where(eq(invitations.email, "hors-perimetre@exemple.fr")),
    ).toHaveLength(0);
  });

  it("sends the invitation, ignoring the scope fields the role does not use, then the page lists it", async () => {
    const request = await post(coordinateur, "/utilisateurs/inviter", {
      prenom: "Zéphyrine",
      nom: "Quintalabre",
      email: "Nouvelle.Agente@Exemple.fr",
      role: "agent",
      structureId: s57b,
      departement: "57",
      partnerKey: "caf",
      startsOn: "2025-09-01",
    });
    const { status, location } = await outcome(() => inviter.action(args(request)));
    expect(status).toBe(302);
    expect(location).toBe("/utilisateurs?motif=invitation-envoyee");
    const [row] = await db().select().from(invitations).where(eq(invitations.email, "nouvelle.agente@exemple.fr"));
    expect(row).toMatchObject({
      role: "agent",
      structureId: s57b,
      departement: null,
      partnerKey: null,
      invitedBy: coordinateur,
    });

    const page = await list.loader(args(await sessionRequest(coordinateur, "/utilisateurs?motif=invitation-envoyee")));
    expect(page.notice).toContain("L’invitation a été envoyée");
    expect(page.pending.map((pending) => pending.email)).toContain("nouvelle.agente@exemple.fr");
    expect(page.team.map((user) => user.id)).toEqual(expect.arrayContaining([responsable, agent, coordinateur]));
    const seenByResponsable = await list.loader(args(await sessionRequest(responsable, "/utilisateurs")));
    expect(seenByResponsable.pending.map((pending) => pending.email)).not.toContain("nouvelle.agente@exemple.fr");
    expect(seenByResponsable.team.map((user) => user.id)).not.toContain(coordinateur);
  });

  it("renders every scope field with a hint naming its roles when JavaScript is off", () => {
    const options = {
      roles: [
        { value: "agent", label: "Agent France Services" },
        { value: "referent", label: "Référent partenaire" },
        { value: "coordinateur", label: "Coordinateur départemental (préfecture)" },
      ],
      structures: [{ value: s57, label: "France Services de Metz" }],
      departements: [{ value: "57", label: "57 — Moselle" }],
      partenaires: [{ value: "caf", label: "Caisse d’allocations familiales (CNAF)" }],
      today: "2025-09-01",
    };
    const Stub = createRoutesStub([
      { path: "/utilisateurs/inviter", Component: inviter.default as never, loader: () => ({ options }) },
    ]);
    const html = renderToString(
      <Stub initialEntries={["/utilisateurs/inviter"]} hydrationData={{ loaderData: { "0": { options } } }} />,
    );
    expect(html).toContain("<h1>Inviter une personne</h1>");
    for (const name of [
      "prenom",
      "nom",
      "email",
      "role",
      "structureId",
      "departement",
      "partnerKey",
      "startsOn",
      "endsOn",
    ]) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).not.toContain('hidden=""');
    expect(html).toContain("Pour le rôle Agent France Services.");
    expect(html).toContain("Pour les rôles Référent partenaire et Coordinateur départemental (préfecture).");
    expect(html).toContain("Pour le rôle Référent partenaire.");
    expect(html).toContain('value="2025-09-01"');
  });
});

describe("/invitation/:token", () => {
  async function invite(email: string) {
    const request = await post(responsable, "/utilisateurs/inviter", {
      prenom: "Yves",
      nom: "Invité",
      email,
      role: "agent",
      structureId: s57,
      startsOn: "2020-01-01",
    });
    expect((await outcome(() => inviter.action(args(request)))).status).toBe(302);
    const [mail] = await db().select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt));
    return /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
  }

  it("shows the role, creates the account once, and sends to the login page", async () => {
    const token = await invite("yves@exemple.fr");
    const page = await invitation.loader(args(anonymousRequest(`/invitation/${token}`), { token }));
    expect(page.invitation).toEqual({ roleLabel: "Agent France Services", scopeLabel: "France Services de Metz" });

    const mismatch = await outcome(() =>
      invitation.action(
        args(
          anonymousRequest(`/invitation/${token}`, {
            method: "POST",
            body: formBody({ password: "une-phrase-de-passe", confirmation: "autre-chose-encore" }),
            headers: FORM,
          }),
          { token },
        ),
      ),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.data?.lastResult.error?.confirmation).toEqual(["Les deux mots de passe ne sont pas identiques."]);
    expect(JSON.stringify(mismatch.data)).not.toContain("une-phrase-de-passe");

    const body = { password: "une-phrase-de-passe", confirmation: "une-phrase-de-passe" };
    const accepted = await outcome(() =>
      invitation.action(
        args(anonymousRequest(`/invitation/${token}`, { method: "POST", body: formBody(body), headers: FORM }), {
          token,
        }),
      ),
    );
    expect(accepted).toMatchObject({ status: 302, location: "/connexion?motif=invitation" });
    const [user] = await db().select().from(users).where(eq(users.email, "yves@exemple.fr"));
    expect(
      await db()
        .select({ role: roleAssignments.role, structureId: roleAssignments.structureId })
        .from(roleAssignments)
        .where(eq(roleAssignments.userId, user.id)),
    ).toEqual([{ role: "agent", structureId: s57 }]);

    const again = await outcome(() =>
      invitation.action(
        args(anonymousRequest(`/invitation/${token}`, { method: "POST", body: formBody(body), headers: FORM }), {
          token,
        }),
      ),
    );
    expect(again.status).toBe(400);
    expect(again.data?.lastResult.error?.[""]).toEqual([
      "Ce lien n’est plus valide. Il a peut-être déjà servi ou expiré.",
    ]);
    expect((await invitation.loader(args(anonymousRequest(`/invitation/${token}`), { token }))).invitation).toBeNull();
  });
});

describe("/utilisateurs/:id", () => {
  it("ends a role of the scope and journals it", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s57, startsOn: "2020-01-01" }]);
    const page = await detail.loader(
      args(await sessionRequest(responsable, `/utilisateurs/${userId}`), { id: userId }),
    );
    const [role] = page.user.roles;
    const request = await post(responsable, `/utilisateurs/${userId}`, {
      intent: "terminer",
      assignmentId: role.id,
      endsOn: "2024-12-31",
    });
    expect(await outcome(() => detail.action(args(request, { id: userId })))).toMatchObject({
      status: 302,
      location: `/utilisateurs/${userId}?motif=role-termine`,
    });
    const [row] = await db().select().from(roleAssignments).where(eq(roleAssignments.id, role.id));
    expect(row.endsOn).toBe("2024-12-31");
    const audit = await db().select().from(auditLog).where(eq(auditLog.targetId, role.id));
    expect(audit).toEqual([
      expect.objectContaining({ action: "role.ended", actorId: responsable, targetType: "role_assignment" }),
    ]);
  });

  it("refuses to end a role of another user through this page", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s57, startsOn: "2020-01-01" }]);
    const [other] = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, agent));
    const request = await post(responsable, `/utilisateurs/${userId}`, {
      intent: "terminer",
      assignmentId: other.id,
      endsOn: "2024-12-31",
    });
    expect((await outcome(() => detail.action(args(request, { id: userId })))).status).toBe(404);
    expect((await db().select().from(roleAssignments).where(eq(roleAssignments.id, other.id)))[0].endsOn).toBeNull();
  });

  it("adds a role, and answers 400 with a French message on bad input", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s57, startsOn: "2020-01-01" }]);
    const bad = await post(coordinateur, `/utilisateurs/${userId}`, {
      intent: "ajouter",
      role: "referent",
      startsOn: "2025-01-01",
    });
    const refused = await outcome(() => detail.action(args(bad, { id: userId })));
    expect(refused.status).toBe(400);
    expect(refused.data?.lastResult.error).toMatchObject({
      departement: ["Choisissez le département où ce rôle s’exerce."],
      partnerKey: ["Choisissez le partenaire du référent."],
    });
    const good = await post(coordinateur, `/utilisateurs/${userId}`, {
      intent: "ajouter",
      role: "responsable",
      structureId: s57b,
      startsOn: "2025-01-01",
    });
    expect(await outcome(() => detail.action(args(good, { id: userId })))).toMatchObject({
      status: 302,
      location: `/utilisateurs/${userId}?motif=role-ajoute`,
    });
    const page = await detail.loader(
      args(await sessionRequest(coordinateur, `/utilisateurs/${userId}?motif=role-ajoute`), { id: userId }),
    );
    expect(page.notice).toBe("Le rôle a été ajouté.");
    expect(page.user.roles.map((role) => `${role.role} ${role.scopeLabel}`)).toEqual(
      expect.arrayContaining(["responsable France Services de Thionville"]),
    );
  });

  it("answers 404 for a user out of scope", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s92, startsOn: "2020-01-01" }]);
    expect(
      (
        await outcome(async () =>
          detail.loader(args(await sessionRequest(responsable, `/utilisateurs/${userId}`), { id: userId })),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await outcome(async () =>
          detail.loader(args(await sessionRequest(admin, `/utilisateurs/${userId}`), { id: userId })),
        )
      ).status,
    ).toBe(200);
  });
});
