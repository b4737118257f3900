import { describe, expect, it } from "vitest";
import {
  DEMO_ACCOUNTS,
  demoAccount,
  expectedNavItems,
  expectNotErrorPage,
  expectOneH1,
  gotoPage,
  loginAs,
  mainNavigation,
  pathnameOf,
  setupBrowser,
  trackPageErrors,
  waitForApp,
} from "./fixtures";

const browser = setupBrowser();

/** Accounts with a second factor need it at login; this file only needs the others. */
const ACCOUNTS = DEMO_ACCOUNTS.filter((account) => account.email !== "referent.dgfip@demo.guichet.test");

describe("main navigation", () => {
  it.each(ACCOUNTS.map((account) => [account.email, account] as const))(
    "%s clicks through every entry of the menu",
    async (_email, account) => {
      const page = browser.page;
      const errors = trackPageErrors(page);
      await loginAs(page, account.email);
      const items = expectedNavItems(account);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        await mainNavigation(page).getByRole("link", { name: item.label, exact: true }).click();
        // An entry may land on a page below it (/pilotage sends each role to its own dashboard).
        await page.waitForURL((url) => url.pathname === item.to || url.pathname.startsWith(`${item.to}/`));
        await waitForApp(page);
        await expectNotErrorPage(page);
        await expectOneH1(page);
        // Exactly one entry is the current page (aria-current="page"): the one just clicked.
        await expect
          .poll(() => mainNavigation(page).locator('a[aria-current="page"]').allInnerTexts(), {
            message: `current entry on ${item.to}`,
          })
          .toEqual([item.label]);
      }
      expect(errors).toEqual([]);
    },
  );

  it("an agent of two structures switches the structure they work in", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, demoAccount("agent.itinerant@demo.guichet.test").email);
    const select = page.getByLabel("Structure où je travaille");
    // evaluateAll does not wait: let the page after login finish rendering first.
    await expect.poll(() => select.locator("option").count()).toBe(2);
    const options = await select
      .locator("option")
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    expect(options).toHaveLength(2);
    const before = await select.inputValue();
    const other = options.find((value) => value !== before)!;
    await select.selectOption(other);
    await page.getByRole("button", { name: "Changer de structure" }).click();
    await expect.poll(() => page.getByLabel("Structure où je travaille").inputValue()).toBe(other);
    await waitForApp(page);
    await expectNotErrorPage(page);
    // The choice belongs to the session: it survives a full reload.
    await gotoPage(page, pathnameOf(page));
    expect(await page.getByLabel("Structure où je travaille").inputValue()).toBe(other);
    expect(errors).toEqual([]);
  });

  it("the footer's legal pages answer to anonymous visitors", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await gotoPage(page, "/connexion");
    for (const [label, to] of [
      [/^Accessibilité/, "/accessibilite"],
      ["Données personnelles", "/donnees-personnelles"],
      ["Mentions légales", "/mentions-legales"],
    ] as const) {
      await page.getByRole("contentinfo").getByRole("link", { name: label }).click();
      await page.waitForURL((url) => url.pathname === to);
      await waitForApp(page);
      await expectNotErrorPage(page);
      await expectOneH1(page);
    }
    expect(errors).toEqual([]);
  });
});
