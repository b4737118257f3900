import { readdirSync, readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../src/db/client.server";
import { outbox, users } from "../../src/db/schema";
import { seedDemo } from "../../src/demo/seed-demo.server";
import { createSaisine } from "../../src/saisines/create-saisine.server";
import { createSaisineSchema } from "../../src/saisines/saisines.schema";
import { anonymousRequest, formBody, sessionRequest, testActor } from "../../src/test/factories";
import { newGroup, newReferent } from "../../src/test/saisine-fixtures";
import { useTestEncryptionKey } from "../../src/test/usager-fixtures";
import { flattenRoutes } from "../route-list";
import * as referentsPage from "./referents";
import * as saisinesPage from "./saisines";
import * as saisinePage from "./saisines.$id";
import * as nouvellePage from "./saisines.nouvelle";

const context = { cspNonce: "" };
let agentId: string;
let referentCafId: string;
let saisineId: string;

async function status(call: () => Promise<unknown>): Promise<number> {
  try {
    const result = await call();
    return result instanceof Response ? result.status : 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    const init =
      (error as { type?: string; init?: { status?: number } }).type === "DataWithResponseInit"
        ? (error as { init?: { status?: number } }).init
        : null;
    if (init) return init.status ?? 500;
    throw error;
  }
}

async function userId(email: string) {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return row.id;
}

beforeAll(async () => {
  useTestEncryptionKey();
  await seedDemo();
  agentId = await userId("agent@demo.guichet.test");
  referentCafId = await userId("referent.caf@demo.guichet.test");
  saisineId = await createSaisine(
    await testActor(agentId),
    createSaisineSchema.parse({
      partnerKey: "caf",
      objet: "Prime d’activité suspendue",
      description: "Suspension sans courrier.",
      urgence: "blocage_administratif",
    }),
  );
});

describe("saisine pages", () => {
  it("the demo CAF referent sees the saisine routed to the demo group; a referent of another partner or département gets 403", async () => {
    expect(
      await status(async () =>
        saisinePage.loader({
          request: await sessionRequest(referentCafId, `/saisines/${saisineId}`),
          params: { id: saisineId },
          context,
        } as never),
      ),
    ).toBe(200);
    const cpam = await userId("referent.cpam@demo.guichet.test");
    expect(
      await status(async () =>
        saisinePage.loader({
          request: await sessionRequest(cpam, `/saisines/${saisineId}`),
          params: { id: saisineId },
          context,
        } as never),
      ),
    ).toBe(403);
    const caf92 = await newReferent(await newGroup("92", "caf"), "caf", "92");
    expect(
      await status(async () =>
        saisinePage.loader({
          request: await sessionRequest(caf92.userId, `/saisines/${saisineId}`),
          params: { id: saisineId },
          context,
        } as never),
      ),
    ).toBe(403);
    const list = (await saisinesPage.loader({
      request: await sessionRequest(caf92.userId, "/saisines"),
      params: {},
      context,
    } as never)) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it("the referent takes it through the page, and the agent's list shows the status", async () => {
    const take = await saisinePage.action({
      request: await sessionRequest(referentCafId, `/saisines/${saisineId}`, {
        method: "POST",
        body: formBody({ type: "prise_en_charge" }),
      }),
      params: { id: saisineId },
      context,
    } as never);
    expect(take).toBeInstanceOf(Response);
    expect((take as Response).status).toBe(302);
    const list = (await saisinesPage.loader({
      request: await sessionRequest(agentId, "/saisines"),
      params: {},
      context,
    } as never)) as { items: Array<{ id: string; statut: string }> };
    expect(list.items.find((item) => item.id === saisineId)?.statut).toBe("Prise en charge");
  });

  it("a bad form comes back 400 with French messages; a partner without a group is refused with a clear message", async () => {
    const bad = await nouvellePage.action({
      request: await sessionRequest(agentId, "/saisines/nouvelle", {
        method: "POST",
        body: formBody({ partnerKey: "caf", objet: "", description: "", urgence: "standard" }),
      }),
      params: {},
      context,
    } as never);
    expect(JSON.stringify(bad)).toContain("Indiquez l’objet");
    const gap = await nouvellePage.action({
      request: await sessionRequest(agentId, "/saisines/nouvelle", {
        method: "POST",
        body: formBody({
          partnerKey: "msa",
          objet: "Cotisations",
          description: "Question de cotisations.",
          urgence: "standard",
        }),
      }),
      params: {},
      context,
    } as never);
    expect(JSON.stringify(gap)).toContain("Aucun groupe de référents de ce partenaire");
  });

  it("the coordinateur sees the coverage with its gaps", async () => {
    const coordinateur = await userId("coordinateur@demo.guichet.test");
    const page = (await referentsPage.loader({
      request: await sessionRequest(coordinateur, "/referents"),
      params: {},
      context,
    } as never)) as {
      coverage: Array<{ code: string; rows: Array<{ partners: Array<{ key: string; groupNom: string | null }> }> }>;
    };
    const moselle = page.coverage.find((dep) => dep.code === "57")!;
    expect(moselle.rows[0].partners.find((p) => p.key === "caf")?.groupNom).toContain("CAF 57");
    expect(moselle.rows[0].partners.find((p) => p.key === "msa")?.groupNom).toBeNull();
  });
});

describe("the referents directory never appears in public output", () => {
  it("no public page, open data file or public API answer carries a directory entry", async () => {
    const secret = {
      mailbox: "annuaire-secret-7c1f@partenaire.test",
      phone: "06 99 88 77 66",
      nom: "Groupe confidentiel 7c1f",
    };
    const { createReferentGroup } = await import("../../src/saisines/create-referent-group.server");
    const { requireOperator } = await import("../../src/acces/operator");
    const { referentGroupSchema } = await import("../../src/saisines/saisines.schema");
    await createReferentGroup(
      requireOperator(),
      referentGroupSchema.parse({
        departement: "57",
        partnerKey: "msa",
        nom: secret.nom,
        mailbox: secret.mailbox,
        emergencyPhones: secret.phone,
        coversWholeDepartement: true,
      }),
    );
    const publicPaths = [
      "/accessibilite",
      "/donnees-personnelles",
      "/mentions-legales",
      "/healthz",
      "/donnees-ouvertes/structures.csv",
      "/donnees-ouvertes/lieux-mediation-numerique.json",
      "/api/v1/openapi.json",
    ];
    const routes = flattenRoutes().filter((route) => publicPaths.includes(route.path));
    expect(routes).toHaveLength(publicPaths.length);
    for (const route of routes) {
      const module = await import(/* @vite-ignore */ new URL(`../${route.file}`, import.meta.url).href);
      let body: string;
      try {
        const result = await module.loader({ request: anonymousRequest(route.path), params: {}, context });
        body = result instanceof Response ? await result.text() : JSON.stringify(result ?? null);
      } catch (error) {
        body = error instanceof Response ? await error.text() : String(error);
      }
      for (const value of Object.values(secret)) expect(body, route.path).not.toContain(value);
      expect(body, route.path).not.toContain("referent_group");
    }
    // The open-data code never reads the directory tables.
    for (const file of readdirSync(new URL("../../src/opendata/", import.meta.url))) {
      const source = readFileSync(new URL(`../../src/opendata/${file}`, import.meta.url), "utf8");
      expect(source, file).not.toMatch(/referentGroup|referent_group|saisine/i);
    }
  });

  it("notification e-mails carry a link and never the saisine's subject", async () => {
    const mails = await db().select().from(outbox);
    const about = mails.filter((mail) => mail.text.includes(`/saisines/${saisineId}`));
    expect(about.length).toBeGreaterThan(0);
    for (const mail of about) expect(mail.subject + mail.text).not.toContain("Prime d’activité suspendue");
  });
});
