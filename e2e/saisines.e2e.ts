import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  checkPage,
  gotoPage,
  loginAs,
  logout,
  readTotpSecret,
  rememberTotpSecret,
  setupBrowser,
  submitTotpCode,
  totpSecretFor,
  trackPageErrors,
  waitForApp,
} from "./fixtures";

const browser = setupBrowser();
const AGENT = "agent@demo.guichet.test";
const REFERENT = "referent.caf@demo.guichet.test";

/** Posts one typed message from the saisine page and waits for the page to come back. */
async function sendMessage(page: Page, type: string, body?: string): Promise<void> {
  await page.getByLabel("Type de message").selectOption({ label: type });
  if (body) await page.locator('textarea[name="body"]').fill(body);
  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  await page.waitForLoadState("load");
  await checkPage(page);
}

/** The referent logs in with a second factor, enrolled by this test when not yet done in this run. */
async function loginReferent(page: Page): Promise<void> {
  await loginAs(page, REFERENT);
  if (await totpSecretFor(REFERENT)) return;
  await gotoPage(page, "/compte/double-authentification");
  await checkPage(page);
  const secret = await readTotpSecret(page);
  await submitTotpCode(page, secret);
  await rememberTotpSecret(REFERENT, secret);
  await waitForApp(page);
  await logout(page);
  await loginAs(page, REFERENT);
  expect(new URL(page.url()).pathname).not.toBe("/connexion/verification");
}

describe("saisines", () => {
  it("an agent escalates; the referent (TOTP) takes it, asks for more, gets the reply, proposes a resolution; the agent closes it « utile »", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    const objet = `Prime d’activité suspendue ${Date.now()}`;

    await loginAs(page, AGENT);
    await gotoPage(page, "/saisines/nouvelle");
    await checkPage(page);
    await page.getByLabel("Partenaire").selectOption("caf");
    await page.getByLabel("Urgence").selectOption("blocage_administratif");
    await page.getByLabel("Objet").fill(objet);
    await page.getByLabel("Description de la situation").fill("Versement suspendu sans courrier depuis deux mois.");
    await page.getByRole("button", { name: "Envoyer la saisine" }).click();
    await page.waitForURL((url) => /^\/saisines\/[0-9a-f-]{36}$/.test(url.pathname));
    await checkPage(page);
    const saisinePath = new URL(page.url()).pathname;
    await expect.poll(() => page.locator("main").innerText()).toMatch(/Nouvelle/i);
    await gotoPage(page, "/saisines");
    await checkPage(page);
    await logout(page);

    await loginReferent(page);
    await gotoPage(page, "/saisines");
    await checkPage(page);
    await page.getByRole("link", { name: objet }).click();
    await page.waitForURL((url) => url.pathname === saisinePath);
    await checkPage(page);
    await sendMessage(page, "Je m’en occupe");
    await expect.poll(() => page.locator("main").innerText()).toMatch(/Prise en charge/i);
    await sendMessage(
      page,
      "Demande de complément",
      "Merci d’indiquer la date de la dernière déclaration trimestrielle.",
    );
    await expect.poll(() => page.locator("main").innerText()).toMatch(/Complément demandé/i);
    await logout(page);

    await loginAs(page, AGENT);
    await gotoPage(page, saisinePath);
    await checkPage(page);
    await sendMessage(page, "Réponse", "Déclaration faite le 3 novembre.");
    await logout(page);

    await loginReferent(page);
    await gotoPage(page, saisinePath);
    await checkPage(page);
    await expect.poll(() => page.locator("main").innerText()).toContain("Déclaration faite le 3 novembre.");
    await sendMessage(page, "Résolution proposée", "Le versement est rétabli ; il interviendra le 5 du mois.");
    await expect.poll(() => page.locator("main").innerText()).toMatch(/Résolution proposée/i);
    await logout(page);

    await loginAs(page, AGENT);
    await gotoPage(page, saisinePath);
    await checkPage(page);
    await page.locator("label", { hasText: /^Utile$/ }).click();
    await page.getByRole("button", { name: "Clore la saisine" }).click();
    await page.waitForLoadState("load");
    await checkPage(page);
    await expect.poll(() => page.locator("main").innerText()).toMatch(/Close/i);
    await expect.poll(() => page.locator("main").innerText()).toMatch(/Utile/i);
    expect(errors).toEqual([]);
  });

  it("the coordinateur sees the directory with its coverage and gaps, edits and confirms a group", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, "coordinateur@demo.guichet.test");
    await gotoPage(page, "/referents");
    await checkPage(page);
    await expect.poll(() => page.locator("main").innerText()).toContain("Couverture");
    await page.getByRole("link", { name: /^CAF 57/ }).click();
    await page.waitForURL((url) => /^\/referents\/[0-9a-f-]{36}$/.test(url.pathname));
    await checkPage(page);
    await page
      .getByLabel("Consignes du partenaire aux structures")
      .fill("Écrire « France Services » et le numéro allocataire dans l’objet.");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.waitForLoadState("load");
    await checkPage(page);
    await page.getByRole("button", { name: "Confirmer que ces informations sont à jour" }).click();
    await page.waitForLoadState("load");
    await checkPage(page);
    await expect.poll(() => page.locator("main").innerText()).toContain("Confirmation");
    await logout(page);
    await loginAs(page, AGENT);
    await gotoPage(page, "/referents");
    await checkPage(page);
    await expect.poll(() => page.locator("main").innerText()).toContain("numéro allocataire dans l’objet");
    expect(errors).toEqual([]);
  });
});
