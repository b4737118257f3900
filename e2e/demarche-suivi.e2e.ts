import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkPage, expectNoAxeViolations, gotoPage, loginAs, openDemarche, setupBrowser } from "./fixtures";

const browser = setupBrowser();

const piece = (page: Page, libelle: string) => page.getByLabel(`État de la pièce ${libelle}`);

describe("the démarche page never shows an unsaved value as saved", () => {
  it("a pièce's state saves itself and says so; « Enregistrer le suivi » afterwards keeps it", async () => {
    const page = browser.page;
    await loginAs(page, "agent@demo.guichet.test");
    const path = await openDemarche(page, "Sauvegarde");
    await checkPage(page);

    // The sequence: a pièce to « Fourni », then « Enregistrer le suivi ».
    await piece(page, "Avis d’imposition").selectOption("fourni");
    await page.waitForURL((url) => url.search === "?motif=pieces");
    await expect.poll(() => page.locator("#pieces-enregistrees").innerText()).toBe("État des pièces enregistré.");
    await checkPage(page);
    await page.getByLabel("Prochaine étape", { exact: true }).fill("Rappeler la CAF");
    await page.getByRole("button", { name: "Enregistrer le suivi", exact: true }).click();
    await page.waitForURL((url) => url.search === "?motif=suivi");
    await checkPage(page);

    // What the page shows is what the server holds.
    await gotoPage(page, path);
    expect(await piece(page, "Avis d’imposition").inputValue()).toBe("fourni");
    expect(await piece(page, "Bail de location").inputValue()).toBe("a_fournir");
    expect(await page.getByLabel("Prochaine étape", { exact: true }).inputValue()).toBe("Rappeler la CAF");
  });

  it("a form is not sent while another form of the page holds a change: the page names it", async () => {
    const page = browser.page;
    await loginAs(page, "agent@demo.guichet.test");
    const path = await openDemarche(page, "Attente");
    await checkPage(page);

    // A note typed in the follow-up, not saved; then a pièce changed: nothing is sent.
    await page.getByLabel("Notes de suivi").fill("Dossier presque complet");
    await piece(page, "Bail de location").selectOption("verifie");
    const alert = page.locator("#modifications-en-attente");
    await expect.poll(() => alert.innerText()).toContain("Rien n’a été enregistré");
    expect(await alert.innerText()).toContain("« Notes de suivi »");
    expect(new URL(page.url()).search).toBe("?motif=creee");
    await expectNoAxeViolations(page);

    // A pièce name typed but not added, then « Enregistrer le suivi »: refused too, both named.
    await page.getByLabel("Ajouter une pièce à fournir").fill("Quittance de loyer");
    await page.getByRole("button", { name: "Enregistrer le suivi", exact: true }).click();
    await expect.poll(() => alert.innerText()).toContain("« Ajouter une pièce à fournir »");
    expect(await alert.innerText()).toContain("« État de la pièce Bail de location »");
    expect(new URL(page.url()).search).toBe("?motif=creee");

    // Reloaded, the page shows only what was saved.
    await gotoPage(page, path);
    expect(await piece(page, "Bail de location").inputValue()).toBe("a_fournir");
    expect(await page.getByLabel("Notes de suivi").inputValue()).toBe("");
    expect(await page.locator("#table-pieces tbody tr").count()).toBe(2);
  });
});
