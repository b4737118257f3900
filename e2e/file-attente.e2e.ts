import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  expectNotErrorPage,
  expectOneH1,
  gotoPage,
  loginAs,
  pathnameOf,
  setupBrowser,
  trackPageErrors,
  waitForApp,
} from "./fixtures";

/**
 * The waiting list from arrival to recorded wait, at the France Services de Sarreguemines (demo):
 * the responsable turns the list on and registers an arrival, the waiting-room screen shows it,
 * an agent calls the next person and records the passage, and the day view shows the wait.
 */
const RESPONSABLE = "responsable@demo.guichet.test";
const AGENT = "agent@demo.guichet.test";

const browser = setupBrowser();

/** Ticks a checkbox or radio of the accueil form by its field name and stable key, through its label. */
async function choose(page: Page, name: string, value: string): Promise<void> {
  const input = page.locator(`form input[name="${name}"][value="${value}"]`);
  const id = await input.getAttribute("id");
  await page.locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

describe("waiting list", () => {
  it("from arrival to call to recorded wait, with the screen updating itself", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);

    // The responsable turns the list on.
    await loginAs(page, RESPONSABLE);
    await gotoPage(page, "/accueil/file-attente");
    await expectNotErrorPage(page);
    await expectOneH1(page);
    const activate = page.getByRole("button", { name: "Activer la file d’attente" });
    if (await activate.isVisible()) {
      await expectNoAxeViolations(page);
      await activate.click();
      await page.getByText("La file d’attente est activée pour votre structure.").first().waitFor();
      await waitForApp(page);
    }
    await expectNoAxeViolations(page);

    // An arrival with a ticket.
    await page.getByRole("button", { name: "Remettre un ticket" }).click();
    const notice = page.getByText(/remettez le ticket n° \d+/);
    await notice.waitFor();
    const ticket = Number(/n° (\d+)/.exec(await notice.innerText())![1]);
    await waitForApp(page);
    expect(await page.locator("#table-file-attente tbody tr").count()).toBe(1);
    await expectNoAxeViolations(page);

    // The waiting-room screen, left open.
    await page.getByRole("link", { name: "Écran de la salle d’attente" }).click();
    await page.waitForURL((url) => /^\/s\/[0-9a-f-]{36}\/ecran$/.test(url.pathname));
    await waitForApp(page);
    const screenPath = pathnameOf(page);
    await expectNotErrorPage(page);
    await expectOneH1(page);
    await expect.poll(() => page.getByTestId("ecran-en-attente").innerText()).toBe("1 personne en attente");
    await expectNoAxeViolations(page);

    // An agent calls the next person and lands on the accueil form with the waiting-list entry.
    const agentPage = await browser.newPage();
    const agentErrors = trackPageErrors(agentPage);
    await loginAs(agentPage, AGENT);
    await gotoPage(agentPage, "/accueil/file-attente");
    await agentPage.getByRole("button", { name: "Appeler le suivant" }).click();
    await agentPage.waitForURL((url) => url.pathname === "/accueil" && url.searchParams.has("fileAttente"));
    await waitForApp(agentPage);

    // The screen announces the call by itself (polling), without a reload.
    const live = page.locator('[aria-live="polite"]');
    await expect.poll(() => live.innerText(), { timeout: 20_000 }).toContain(`Ticket ${ticket}`);
    expect(await live.innerText()).toContain("veuillez vous présenter à l’accueil");
    expect(await page.getByTestId("ecran-en-attente").innerText()).toBe("Personne en attente");
    expect(pathnameOf(page)).toBe(screenPath);

    // The agent records the passage.
    await choose(agentPage, "sollicitations[0].partenaires", "caf");
    await choose(agentPage, "sollicitations[0].situations", "allocation_logement");
    await choose(agentPage, "sollicitations[0].aides", "information");
    await choose(agentPage, "sollicitations[0].autonomie", "autonome");
    await choose(agentPage, "sollicitations[0].issue", "resolu_sur_place");
    await agentPage.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await agentPage.waitForURL((url) => url.pathname === "/accueil" && url.searchParams.has("enregistre"));
    await waitForApp(agentPage);

    // The day view shows the measured wait.
    await gotoPage(agentPage, "/accueil/journee");
    await expectNotErrorPage(agentPage);
    await expectOneH1(agentPage);
    const waits = await agentPage.locator("#table-passages-jour tbody tr td:nth-child(5)").allInnerTexts();
    expect(
      waits.some((text) => /^\d+ (s|min)/.test(text.trim())),
      `waits shown: ${waits.join(" | ")}`,
    ).toBe(true);
    expect(await agentPage.getByTestId("journee-synthese").innerText()).toMatch(/attente moyenne/);
    await expectNoAxeViolations(agentPage);

    expect(errors).toEqual([]);
    expect(agentErrors).toEqual([]);
  });

  it("without JavaScript the screen refreshes itself every 15 seconds", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await loginAs(page, AGENT);
    await gotoPage(page, "/structures");
    const structureHref = await page.locator('main a[href^="/structures/"]').first().getAttribute("href");
    await gotoPage(page, `${structureHref!.replace(/^\/structures\//, "/s/")}/ecran`);
    await expectOneH1(page);
    await expectNotErrorPage(page);
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute("content")).toBe("15");
  });
});
