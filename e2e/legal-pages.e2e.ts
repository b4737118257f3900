import { describe, expect, it } from "vitest";
import { gotoPage, loginAs, setupBrowser } from "./fixtures";

const browser = setupBrowser();

describe("legal pages", () => {
  it("the accessibility statement declares the status the footer announces, with the RGAA structure and the recourse", async () => {
    const page = browser.page;
    await gotoPage(page, "/accessibilite");
    const footerLink = await page
      .getByRole("contentinfo")
      .getByRole("link", { name: /^Accessibilité/ })
      .innerText();
    const announced = /Accessibilité\s*:\s*(.+)$/.exec(footerLink.trim())?.[1];
    expect(announced, `footer link "${footerLink}"`).toBeTruthy();
    const main = page.locator("main");
    expect(await main.locator("strong").allInnerTexts()).toContain(announced);
    const headings = await main.locator("h2").allInnerTexts();
    expect(headings).toEqual(
      expect.arrayContaining(["État de conformité", "Contenus non accessibles", "Voies de recours"]),
    );
    const text = await main.innerText();
    expect(text).toContain("RGAA");
    expect(text).toContain("axe-core");
    expect(text).toContain("Défenseur des droits");
  });

  it("the privacy page states the legal basis, what is never stored and the 72-hour breach notification", async () => {
    const page = browser.page;
    await gotoPage(page, "/donnees-personnelles");
    const main = page.locator("main");
    const text = await main.innerText();
    expect(text).toContain("mission d’intérêt public");
    expect(text).toContain("72 heures");
    expect(text).toMatch(/identifiants et mots de passe des usagers/);
    expect(text).toMatch(/documents numérisés/);
    expect(await main.locator("table caption").count()).toBe(1);
    // The register is named, not linked, until docs/rgpd.md exists.
    expect(await main.locator('a[href*="rgpd"]').count()).toBe(0);
  });

  it("the legal notice names the publisher's role, the host and the EUPL-1.2 licence", async () => {
    const page = browser.page;
    await gotoPage(page, "/mentions-legales");
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/l’hébergeur de l’instance/i);
    expect(text).toMatch(/EUPL\), version 1\.2/);
    expect(text).toContain("code source est ouvert");
  });

  it("are public, also for a logged-in user, and render without JavaScript", async () => {
    const noScript = await browser.newPage({ javaScriptEnabled: false });
    for (const [url, title] of [
      ["/accessibilite", "Déclaration d’accessibilité"],
      ["/donnees-personnelles", "Données personnelles"],
      ["/mentions-legales", "Mentions légales"],
    ]) {
      const response = await noScript.goto(url);
      expect(response?.status(), url).toBe(200);
      expect(await noScript.locator("h1").innerText()).toBe(title);
      expect(await noScript.title()).toBe(`${title} — Guichet`);
    }
    const page = browser.page;
    await loginAs(page, "national@demo.guichet.test");
    await gotoPage(page, "/mentions-legales");
    expect(await page.locator("h1").innerText()).toBe("Mentions légales");
  });
});
