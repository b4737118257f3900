import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkPage, expectNoAxeViolations, loginAs, openDemarche, pathnameOf, setupBrowser } from "./fixtures";

const browser = setupBrowser();

async function follow(page: Page, link: string, path: RegExp): Promise<void> {
  await page.getByRole("link", { name: link }).first().click();
  await page.waitForURL((url) => path.test(url.pathname + url.search));
  await checkPage(page);
}

describe("escalation from a démarche carries its context both ways", () => {
  it("the saisine form shows the démarche and usager, says what the mandate lacks, offers only reachable partners, and the démarche lists the saisine", async () => {
    const page = browser.page;
    await loginAs(page, "agent@demo.guichet.test");
    const demarchePath = await openDemarche(page, "Escalade");
    const demarcheId = demarchePath.split("/").pop();

    // No mandate yet: said before writing, with the fixing action; no form to fill in vain.
    await follow(page, "Saisir le référent du partenaire", /^\/saisines\/nouvelle\?demarche=/);
    const contexte = await page.locator("#contexte-demarche").innerText();
    expect(contexte).toContain("Demande d’aide au logement");
    expect(contexte).toContain("Odile ESCALADE");
    expect(await page.locator("main").innerText()).toContain("Aucun mandat n’a été établi pour cet usager.");
    expect(await page.getByRole("button", { name: "Envoyer la saisine" }).count()).toBe(0);

    // A mandate drawn up, not signed: that exact gap, and the link to sign it.
    await follow(page, "Établir un mandat", /^\/mandats\/nouveau/);
    await page.locator("label", { hasText: "Demande d’aide au logement (CAF)" }).click();
    await page.locator("label", { hasText: "Ressources et revenus" }).click();
    await page.locator("label", { hasText: "J’ai vérifié l’identité de l’usager" }).click();
    await page.getByRole("button", { name: "Établir le mandat", exact: true }).click();
    await page.waitForURL((url) => url.search === "?motif=cree");
    const mandatPath = pathnameOf(page);
    await page.goto(`/saisines/nouvelle?demarche=${demarcheId}`);
    await checkPage(page);
    expect(await page.locator("main").innerText()).toContain("sa signature n’est pas enregistrée");
    expect(await page.locator("#action-mandat").getAttribute("href")).toBe(mandatPath);
    await follow(page, "Enregistrer la signature du mandat", /^\/mandats\//);
    await page.getByRole("button", { name: "Enregistrer la signature", exact: true }).click();
    await page.waitForURL((url) => url.search === "?motif=signe");

    // Signed: the form, the démarche's partner pre-filled, partners without a referent group not offered.
    await page.goto(`/saisines/nouvelle?demarche=${demarcheId}`);
    await checkPage(page);
    expect(await page.getByLabel("Partenaire").inputValue()).toBe("caf");
    const offered = await page.locator('select[name="partnerKey"] option').allInnerTexts();
    const gaps = (await page.locator("#partenaires-sans-referent").textContent()) ?? "";
    expect(gaps).toContain("canal public");
    expect(gaps).toContain("MSA");
    expect(offered.some((label) => label.startsWith("Mutualité sociale agricole"))).toBe(false);
    await page.getByLabel("Objet").fill("Aide au logement non versée");
    await page.getByLabel("Description de la situation").fill("Dossier complet déposé il y a deux mois, sans réponse.");
    await page.getByRole("button", { name: "Envoyer la saisine" }).click();
    await page.waitForURL((url) => /^\/saisines\/[0-9a-f-]{36}$/.test(url.pathname));
    await checkPage(page);
    const saisinePath = pathnameOf(page);

    // Back to the démarche: it lists the saisine and its state, and offers no second one while it is open.
    await follow(page, "revenir à la démarche", new RegExp(`^${demarchePath}$`));
    const row = page.locator("#table-saisines tbody tr");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain("Nouvelle");
    expect(await row.getByRole("link").getAttribute("href")).toBe(saisinePath);
    expect(await page.getByRole("link", { name: "Saisir le référent du partenaire" }).count()).toBe(0);
    await expectNoAxeViolations(page);
  });
});
