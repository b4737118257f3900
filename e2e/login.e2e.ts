import { describe, expect, it } from "vitest";
import type { Role } from "../src/acces/roles";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  emailField,
  expectNoAxeViolations,
  expectNotErrorPage,
  gotoPage,
  loginAs,
  logout,
  mainNavigation,
  passwordField,
  pathnameOf,
  rolesOf,
  setupBrowser,
  submitLoginForm,
  trackPageErrors,
  waitForApp,
} from "./fixtures";

const browser = setupBrowser();

/**
 * The menu each demo role sees, written out here rather than computed by the code that renders it,
 * so that a change of the navigation shows up as a failing test.
 */
const MENU_BY_ROLE: Record<Role, string[]> = {
  agent: [
    "Tableau de bord",
    "Accueil du public",
    "Journée",
    "File d’attente",
    "Usagers",
    "Démarches",
    "Saisines",
    "Annuaire des référents",
    "Pilotage",
    "Structures",
    "Partenaires et bouquet de services",
  ],
  responsable: [
    "Tableau de bord",
    "Accueil du public",
    "Journée",
    "File d’attente",
    "Usagers",
    "Démarches",
    "Saisines",
    "Annuaire des référents",
    "Pilotage",
    "Structures",
    "Équipe et comptes",
    "Partenaires et bouquet de services",
  ],
  referent: ["Tableau de bord", "Saisines", "Annuaire des référents", "Partenaires et bouquet de services"],
  coordinateur: [
    "Tableau de bord",
    "Saisines",
    "Annuaire des référents",
    "Pilotage",
    "Structures",
    "Équipe et comptes",
    "Partenaires et bouquet de services",
  ],
  national: ["Tableau de bord", "Pilotage", "Structures", "Partenaires et bouquet de services"],
  admin: [
    "Tableau de bord",
    "Annuaire des référents",
    "Pilotage",
    "Structures",
    "Équipe et comptes",
    "Partenaires et bouquet de services",
    "Courriels envoyés",
    "Journal d’audit",
  ],
};

/** The menu of a demo account, which holds one role (on one or several structures). */
function expectedMenu(account: (typeof DEMO_ACCOUNTS)[number]): string[] {
  const roles = rolesOf(account);
  if (roles.length !== 1) throw new Error(`${account.email}: one role expected, got ${roles.join(", ")}`);
  return MENU_BY_ROLE[roles[0]];
}

describe("login through the form", () => {
  it.each(DEMO_ACCOUNTS.map((account) => [account.email, account] as const))(
    "%s lands on the home page with their name and navigation",
    async (_email, account) => {
      const page = browser.page;
      const errors = trackPageErrors(page);
      await loginAs(page, account.email);
      expect(pathnameOf(page)).toBe("/");
      await expectNotErrorPage(page);
      await expect.poll(() => page.locator("header").innerText()).toContain(`${account.prenom} ${account.nom}`);
      const labels = await mainNavigation(page).getByRole("link").allInnerTexts();
      expect(labels.map((label) => label.trim())).toEqual(expectedMenu(account));
      expect(errors).toEqual([]);
    },
  );

  it("refuses a wrong password with the French message and keeps the e-mail typed", async () => {
    const page = browser.page;
    const email = DEMO_ACCOUNTS[0].email;
    await submitLoginForm(page, email, "pas-le-bon-mot-de-passe");
    await expect
      .poll(() => page.locator("main").innerText())
      .toContain("Adresse électronique ou mot de passe incorrect.");
    await waitForApp(page);
    expect(pathnameOf(page)).toBe("/connexion");
    expect(await emailField(page).inputValue()).toBe(email);
  });

  it("works without JavaScript: a wrong password answers 401 with the message, never echoing the password", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const email = DEMO_ACCOUNTS[1].email;
    await page.goto("/connexion");
    await emailField(page).fill(email);
    await passwordField(page).fill("pas-le-bon-mot-de-passe");
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: "Se connecter" }).click(),
    ]);
    // The domain error's own status (AppError "auth.invalid_credentials"), not a 200 or a 500.
    expect(refused.status()).toBe(401);
    await page.waitForLoadState("load");
    expect(await page.locator("main").innerText()).toContain("Adresse électronique ou mot de passe incorrect.");
    expect(await emailField(page).inputValue()).toBe(email);
    expect(await passwordField(page).inputValue()).toBe("");
    expect(await refused.text()).not.toContain("pas-le-bon-mot-de-passe");

    await passwordField(page).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.locator("header").innerText()).toContain(`${DEMO_ACCOUNTS[1].prenom} ${DEMO_ACCOUNTS[1].nom}`);
  });

  it("comes back to the requested page after login", async () => {
    const page = browser.page;
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.email.startsWith("coordinateur"))!;
    await gotoPage(page, "/partenaires");
    expect(pathnameOf(page)).toBe("/connexion");
    await emailField(page).fill(account.email);
    await passwordField(page).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname === "/partenaires");
    await waitForApp(page);
    await expectNotErrorPage(page);
  });

  it("Mon compte lists the API tokens without their secret and revokes one, with 0 axe violations (issue 12)", async () => {
    const page = browser.page;
    await loginAs(page, "responsable@demo.guichet.test");
    await gotoPage(page, "/compte");
    const table = page.getByRole("table", { name: "Vos jetons d’API en vigueur" });
    const row = table.getByRole("row", { name: /Tableur de suivi \(démonstration\)/ });
    await expect.poll(() => row.count()).toBe(1);
    expect(await table.innerText()).not.toMatch(/gch_/);
    await expectNoAxeViolations(page);
    await row.getByRole("button", { name: "Révoquer le jeton « Tableur de suivi (démonstration) »" }).click();
    await page.waitForURL((url) => url.search === "?motif=jeton-revoque");
    await waitForApp(page);
    await expect.poll(() => page.getByText("Le jeton d’API est révoqué").count()).toBe(1);
    expect(await page.getByText("Vous n’avez aucun jeton d’API en vigueur.").count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it("logs out: the session ends and private pages ask to log in again", async () => {
    const page = browser.page;
    await loginAs(page, DEMO_ACCOUNTS[2].email);
    await logout(page);
    expect(pathnameOf(page)).toBe("/connexion");
    expect(await page.locator("header").innerText()).not.toContain(DEMO_ACCOUNTS[2].nom);
    await gotoPage(page, "/");
    expect(pathnameOf(page)).toBe("/connexion");
    expect(await page.context().cookies()).not.toContainEqual(
      expect.objectContaining({ name: "guichet_session", value: expect.stringMatching(/.+/) }),
    );
  });
});
