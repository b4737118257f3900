import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  emailField,
  expectNoAxeViolations,
  expectNotErrorPage,
  expectOneH1,
  gotoPage,
  loginAs,
  passwordField,
  pathnameOf,
  setupBrowser,
  trackPageErrors,
  waitForApp,
} from "./fixtures";

/**
 * The accueil screen at the France Services de Sarreguemines (demo): a demand in at most four
 * interactions, a second demand of the same person, the error case, and axe-core.
 */
const AGENT = "agent@demo.guichet.test";
const MAX_INTERACTIONS = 4;

const browser = setupBrowser();

/**
 * Counts what the agent does on the page from now on: each press of a pointer (a click, a tap)
 * and each key pressed, wherever it lands in the page's main content.
 */
async function countInteractions(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const state = window as unknown as { __interactions: number };
    state.__interactions = 0;
    const count = (event: Event) => {
      if (event.target instanceof Node && document.querySelector("main")?.contains(event.target))
        state.__interactions += 1;
    };
    document.addEventListener("pointerdown", count, true);
    document.addEventListener("keydown", count, true);
  });
  return () => page.evaluate(() => (window as unknown as { __interactions: number }).__interactions);
}

/** Ticks a checkbox or radio of the accueil form through its label, as a user does. */
async function choose(page: Page, name: string, value: string): Promise<void> {
  const input = page.locator(`form input[name="${name}"][value="${value}"]`);
  const id = await input.getAttribute("id");
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

function field(page: Page, name: string, value: string) {
  return page.locator(`form input[name="${name}"][value="${value}"]`);
}

const quickPicks = (page: Page) => page.locator("#raccourcis button[name='raccourci']");

async function submit(page: Page, label = "Enregistrer"): Promise<void> {
  await page.getByRole("button", { name: label, exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/accueil" && url.searchParams.has("enregistre"));
  await waitForApp(page);
}

describe("the accueil screen", () => {
  it(`records a typical demand in at most ${MAX_INTERACTIONS} interactions plus submit`, async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, AGENT);
    await gotoPage(page, "/accueil");
    await expectOneH1(page);
    expect(await page.locator("h1").innerText()).toContain("France Services de Sarreguemines");
    // The channel is preselected; autonomy and outcome wait for a conscious choice.
    expect(await field(page, "canal", "accueil_physique").isChecked()).toBe(true);
    expect(await page.locator("form input[name='sollicitations[0].autonomie']:checked").count()).toBe(0);
    expect(await page.locator("form input[name='sollicitations[0].issue']:checked").count()).toBe(0);

    const interactions = await countInteractions(page);
    const pick = quickPicks(page).first();
    const label = (await pick.innerText()).trim();
    const [partenaire, situation, aide] = ((await pick.getAttribute("value")) ?? "").split(".");

    // 1. The quick pick fills partner, situation and kind of help in place, and moves to the autonomy.
    await pick.click();
    expect(pathnameOf(page)).toBe("/accueil");
    await expect.poll(() => field(page, "sollicitations[0].partenaires", partenaire).isChecked()).toBe(true);
    expect(await field(page, "sollicitations[0].situations", situation).isChecked()).toBe(true);
    expect(await field(page, "sollicitations[0].aides", aide).isChecked()).toBe(true);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name))
      .toBe("sollicitations[0].autonomie");
    // 2. and 3. One click each.
    await choose(page, "sollicitations[0].autonomie", "partiellement");
    await choose(page, "sollicitations[0].issue", "resolu_sur_place");

    const used = await interactions();
    expect(used, `interactions before submit: ${used}`).toBeGreaterThan(0);
    expect(used, `interactions before submit: ${used}`).toBeLessThanOrEqual(MAX_INTERACTIONS);

    await submit(page);
    const notice = page.locator(".fr-alert--success");
    expect(await notice.innerText()).toContain("Passage enregistré");
    expect(await notice.innerText()).toContain(label);
    // The next person starts from a fresh form.
    expect(await field(page, "sollicitations[0].partenaires", partenaire).isChecked()).toBe(false);
    expect(errors).toEqual([]);
  });

  it("records two demands of the same person in one passage", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, AGENT);
    await gotoPage(page, "/accueil");
    await quickPicks(page).nth(0).click();
    await choose(page, "sollicitations[0].autonomie", "autonome");
    await choose(page, "sollicitations[0].issue", "resolu_sur_place");
    await submit(page);
    const passageId = new URL(page.url()).searchParams.get("enregistre");

    await page.getByRole("link", { name: "Ajouter une autre demande pour la même personne" }).click();
    await page.waitForURL((url) => url.searchParams.get("ajout") === passageId);
    await waitForApp(page);
    expect(await page.locator("main").innerText()).toContain("Autre demande pour la même personne");
    // The passage is not typed again: no channel, no details.
    expect(await page.locator("form input[name='canal']").count()).toBe(0);
    const second = quickPicks(page).nth(1);
    const label = (await second.innerText()).trim();
    await second.click();
    await choose(page, "sollicitations[0].autonomie", "entierement");
    await choose(page, "sollicitations[0].issue", "oriente_partenaire");
    await submit(page, "Ajouter la demande");
    expect(new URL(page.url()).searchParams.get("enregistre")).toBe(passageId);
    const notice = await page.locator(".fr-alert--success").innerText();
    expect(notice).toContain("Demande ajoutée au passage");
    expect(notice).toContain("2 demandes");
    expect(notice).toContain(label);

    await page.getByRole("link", { name: "Voir ou corriger le passage" }).click();
    await page.waitForURL((url) => url.pathname === `/accueil/passages/${passageId}`);
    await waitForApp(page);
    expect(await page.locator("caption").allInnerTexts()).toEqual(["Le passage", "Demande 1", "Demande 2"]);
    expect(errors).toEqual([]);
  });

  it("keeps everything typed on an error: 400 without JavaScript, messages before sending with it", async () => {
    // Without JavaScript: the quick pick reloads the page pre-filled, the server answers 400.
    const plain = await browser.newPage({ javaScriptEnabled: false });
    await plain.goto("/connexion");
    await emailField(plain).fill(AGENT);
    await passwordField(plain).fill(DEMO_PASSWORD);
    await plain.getByRole("button", { name: "Se connecter" }).click();
    await plain.waitForURL((url) => url.pathname === "/");
    await plain.goto("/accueil");
    const pick = quickPicks(plain).first();
    const [partenaire, situation] = ((await pick.getAttribute("value")) ?? "").split(".");
    await pick.click();
    await plain.waitForURL((url) => url.searchParams.has("raccourci"));
    expect(await field(plain, "sollicitations[0].partenaires", partenaire).isChecked()).toBe(true);
    await choose(plain, "sollicitations[0].signalements", "allophone");
    await plain.locator("input[name='sollicitations[0].precision']").fill("première demande");
    const [refused] = await Promise.all([
      plain.waitForResponse((response) => response.request().method() === "POST"),
      plain.getByRole("button", { name: "Enregistrer", exact: true }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await plain.waitForLoadState("load");
    const main = await plain.locator("main").innerText();
    expect(main).toContain("Indiquez l’autonomie numérique de l’usager.");
    expect(main).toContain("Indiquez l’issue de la demande.");
    expect(await field(plain, "sollicitations[0].partenaires", partenaire).isChecked()).toBe(true);
    expect(await field(plain, "sollicitations[0].situations", situation).isChecked()).toBe(true);
    expect(await field(plain, "sollicitations[0].signalements", "allophone").isChecked()).toBe(true);
    expect(await plain.locator("input[name='sollicitations[0].precision']").inputValue()).toBe("première demande");

    // With JavaScript: the same messages before anything is sent, the choices untouched.
    const page = browser.page;
    await loginAs(page, AGENT);
    await gotoPage(page, "/accueil");
    await choose(page, "sollicitations[0].partenaires", "dgfip");
    await choose(page, "sollicitations[0].situations", "declarer_impots");
    await choose(page, "sollicitations[0].aides", "information");
    let posted = false;
    page.on("request", (request) => {
      if (request.method() === "POST") posted = true;
    });
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.getByText("Indiquez l’autonomie numérique de l’usager.").first().waitFor();
    expect(posted).toBe(false);
    expect(await field(page, "sollicitations[0].partenaires", "dgfip").isChecked()).toBe(true);
    expect(await field(page, "sollicitations[0].situations", "declarer_impots").isChecked()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      "sollicitations[0].autonomie",
    );
  });

  it("filters the choices as you type, without accents", async () => {
    const page = browser.page;
    await loginAs(page, AGENT);
    await gotoPage(page, "/accueil");
    await page.getByLabel("Filtrer les partenaires et les situations").fill("impot");
    const situation = field(page, "sollicitations[0].situations", "declarer_impots");
    await situation.waitFor({ state: "attached" });
    expect(await page.locator("form input[name='sollicitations[0].situations']").count()).toBe(1);
    // Enter takes the only situation left, and its partner with it; the form is not sent.
    await page.getByLabel("Filtrer les partenaires et les situations").press("Enter");
    await expect.poll(() => situation.isChecked()).toBe(true);
    expect(await field(page, "sollicitations[0].partenaires", "dgfip").isChecked()).toBe(true);
    expect(pathnameOf(page)).toBe("/accueil");
  });

  it("has no accessibility violation on the form, its error state, a passage and its correction", async () => {
    const page = browser.page;
    await loginAs(page, AGENT);
    await gotoPage(page, "/accueil");
    await page.locator("details summary").click();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.getByText("Indiquez l’issue de la demande.").first().waitFor();
    await expectNoAxeViolations(page);

    await gotoPage(page, "/accueil");
    await quickPicks(page).first().click();
    await choose(page, "sollicitations[0].autonomie", "autonome");
    await choose(page, "sollicitations[0].issue", "resolu_sur_place");
    await submit(page);
    await expectNoAxeViolations(page);
    const passageId = new URL(page.url()).searchParams.get("enregistre");
    await gotoPage(page, `/accueil/passages/${passageId}`);
    await expectNotErrorPage(page);
    await expectOneH1(page);
    await expectNoAxeViolations(page);
    await gotoPage(page, `/accueil/passages/${passageId}?corriger`);
    await expectOneH1(page);
    await expectNoAxeViolations(page);
  });
});
