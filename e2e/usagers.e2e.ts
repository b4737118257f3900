import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  checkPage,
  expectNoAxeViolations,
  gotoPage,
  loginAs,
  pathnameOf,
  setupBrowser,
  trackPageErrors,
} from "./fixtures";

const browser = setupBrowser();

async function submitAndWait(page: Page, button: string, path: RegExp): Promise<void> {
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.waitForURL((url) => path.test(url.pathname + url.search));
  await checkPage(page);
}

async function expectPdf(page: Page, href: string): Promise<void> {
  const response = await page.request.get(href);
  expect(response.status(), href).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
}

describe("usagers, démarches and mandates", () => {
  it("an agent creates an usager, a démarche and a mandate, prints, signs and revokes it", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, "agent@demo.guichet.test");

    await gotoPage(page, "/usagers");
    await checkPage(page);
    await page.getByRole("link", { name: "Créer une fiche usager" }).click();
    await page.waitForURL((url) => url.pathname === "/usagers/nouveau");
    await checkPage(page);
    await expectPdf(page, "/usagers/notice.pdf");

    // Without the notice: refused, values kept, the error is accessible.
    await page.getByLabel("Nom", { exact: true }).fill("Navigateur");
    await page.getByLabel("Prénom", { exact: true }).fill("Élodie");
    await page.getByLabel("Commune de résidence").fill("Sarreguemines");
    await page.getByRole("button", { name: "Créer la fiche" }).click();
    await expect
      .poll(() => page.locator(".fr-message--error, .fr-error-text").allInnerTexts())
      .toEqual([expect.stringContaining("notice d’information")]);
    expect(await page.getByLabel("Nom", { exact: true }).inputValue()).toBe("Navigateur");
    await expectNoAxeViolations(page);
    await page.locator("label", { hasText: "L’usager a reçu la notice d’information" }).click();
    await submitAndWait(page, "Créer la fiche", /^\/usagers\/[0-9a-f-]{36}\?motif=cree$/);
    const usagerPath = pathnameOf(page);
    await expect.poll(() => page.locator("h1").innerText()).toBe("NAVIGATEUR Élodie");

    // A démarche with its checklist: nothing to upload.
    await page.getByRole("link", { name: "Nouvelle démarche" }).click();
    await page.waitForURL((url) => url.pathname === "/demarches/nouvelle");
    await checkPage(page);
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    await page.getByLabel("Intitulé de la démarche").fill("Demande de prime d’activité");
    await page.getByLabel("Partenaire").selectOption("caf");
    await page.getByLabel("Pièces justificatives à fournir").fill("Avis d’imposition\nRelevé d’identité bancaire");
    await submitAndWait(page, "Ouvrir la démarche", /^\/demarches\/[0-9a-f-]{36}\?motif=creee$/);
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    await expect.poll(() => page.locator("#table-pieces tbody tr").count()).toBe(2);

    // The démarche shows in the structure's list.
    await gotoPage(page, "/demarches");
    await checkPage(page);
    await expect.poll(() => page.getByRole("link", { name: "Demande de prime d’activité" }).count()).toBeGreaterThan(0);

    // The mandate: covering this démarche, printed, signed.
    await gotoPage(page, usagerPath);
    await checkPage(page);
    await page.getByRole("link", { name: "Nouveau mandat" }).click();
    await page.waitForURL((url) => url.pathname === "/mandats/nouveau");
    await checkPage(page);
    await page.locator("label", { hasText: "Demande de prime d’activité (CAF)" }).click();
    await page.locator("label", { hasText: "Ressources et revenus" }).click();
    await page.locator("label", { hasText: "J’ai vérifié l’identité de l’usager" }).click();
    await submitAndWait(page, "Établir le mandat", /^\/mandats\/[0-9a-f-]{36}\?motif=cree$/);
    const mandatPath = pathnameOf(page);
    await expectPdf(page, `${mandatPath}/document.pdf`);
    await submitAndWait(page, "Enregistrer la signature", /\?motif=signe$/);
    await expect.poll(() => page.locator(".fr-badge").first().innerText()).toMatch(/valide/i);

    // The public check: valid, no personal data.
    const code = (await page.getByRole("link", { name: "page publique de vérification" }).getAttribute("href"))!;
    const visitor = await browser.newPage();
    await gotoPage(visitor, code);
    await checkPage(visitor);
    expect(await visitor.locator("main").innerText()).toContain("Ce mandat est valide.");
    expect(await visitor.locator("main").innerText()).not.toMatch(/Navigateur|Élodie/i);

    // Revocation with a reason, then the attestation.
    await page.getByLabel("Motif de la révocation").fill("L’usagère fera désormais ses démarches seule.");
    await submitAndWait(page, "Enregistrer la révocation", /\?motif=revoque$/);
    await expect.poll(() => page.locator(".fr-badge").first().innerText()).toMatch(/révoqué/i);
    await expectPdf(page, `${mandatPath}/attestation.pdf`);
    await gotoPage(visitor, code);
    await checkPage(visitor);
    expect(await visitor.locator("main").innerText()).toContain("Ce mandat a été révoqué.");

    // The rights on the file: export.
    await gotoPage(page, usagerPath);
    await checkPage(page);
    await expectPdf(page, `${usagerPath}/export.pdf`);
    expect(errors).toEqual([]);
  });
});
