import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Download, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { parisDay } from "../src/platform/time";
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
 * The pilotage dashboards of the demo: a responsable records a passage, opens the quarterly
 * dashboard of the France Services de Sarreguemines, switches period, and downloads the report
 * as XLSX and PDF from the page's links; the coordinateur and the national level pass axe too.
 */
const RESPONSABLE = "responsable@demo.guichet.test";
const COORDINATEUR = "coordinateur@demo.guichet.test";
const NATIONAL = "national@demo.guichet.test";
const STRUCTURE_DASHBOARD = /^\/pilotage\/structures\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const browser = setupBrowser();

const today = parisDay();
const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
const month = today.slice(0, 7);
const previousMonth = (() => {
  const [year, monthNumber] = month.split("-").map(Number);
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, "0")}`;
})();

/** Ticks a checkbox or radio of the accueil form by its field name and stable key, through its label. */
async function choose(page: Page, name: string, value: string): Promise<void> {
  const input = page.locator(`form input[name="${name}"][value="${value}"]`);
  await page.locator(`label[for="${await input.getAttribute("id")}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

async function switchPeriod(page: Page, kind: string, day: string, expected: string): Promise<void> {
  await page.getByLabel("Type de période").selectOption(kind);
  await page.getByLabel(/^Un jour de la période/).fill(day);
  await page.getByRole("button", { name: "Afficher la période" }).click();
  await page.waitForURL((url) => url.searchParams.get("periode") === expected);
  await waitForApp(page);
}

async function download(page: Page, linkName: RegExp): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).click()]);
  const failure = await (file as Download).failure();
  expect(failure, `download of ${linkName}`).toBeNull();
  return readFile((await file.path())!);
}

/** The totals as the page shows them, and as digits only (the PDF may space thousands differently). */
async function shownTotal(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).innerText()).replace(/\s/g, "");
}

describe("pilotage dashboards", () => {
  it("a responsable opens the quarterly dashboard, switches period, and downloads the XLSX and the PDF", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, RESPONSABLE);

    // Some activity this quarter: one passage recorded at the counter.
    await gotoPage(page, "/accueil");
    await choose(page, "sollicitations[0].partenaires", "caf");
    await choose(page, "sollicitations[0].situations", "allocation_logement");
    await choose(page, "sollicitations[0].aides", "information");
    await choose(page, "sollicitations[0].autonomie", "autonome");
    await choose(page, "sollicitations[0].issue", "resolu_sur_place");
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/accueil" && url.searchParams.has("enregistre"));
    await waitForApp(page);

    // The quarterly dashboard, from the main menu.
    await page.locator("#navigation-principale").getByRole("link", { name: "Pilotage", exact: true }).click();
    await page.waitForURL((url) => STRUCTURE_DASHBOARD.test(url.pathname));
    await waitForApp(page);
    const dashboardPath = pathnameOf(page);
    await expectNotErrorPage(page);
    await expectOneH1(page);
    expect(await page.locator("h1").innerText()).toBe("Pilotage : France Services de Sarreguemines");
    expect(await page.locator(".fr-text--lead").first().innerText()).toMatch(/trimestre/);
    expect(Number(await shownTotal(page, "total-passages"))).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.locator('svg[role="img"]').count()).toBeGreaterThan(3);
    await expectNoAxeViolations(page);

    // Switch to the month, then to the month before through the link, then back to the quarter.
    await switchPeriod(page, "mois", today, month);
    expect(pathnameOf(page)).toBe(dashboardPath);
    await expectNotErrorPage(page);
    await page.getByRole("link", { name: "Période précédente" }).click();
    await page.waitForURL((url) => url.searchParams.get("periode") === previousMonth);
    await waitForApp(page);
    await expectNotErrorPage(page);
    await switchPeriod(page, "trimestre", today, quarter);
    await expectNoAxeViolations(page);
    const passages = await shownTotal(page, "total-passages");
    const sollicitations = await shownTotal(page, "total-sollicitations");
    expect(Number(passages)).toBeGreaterThanOrEqual(1);

    // The spreadsheet: it opens, with a summary sheet and one sheet per breakdown, holding the totals.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(page, /^Tableur \(XLSX\)/)) as unknown as ArrayBuffer);
    const sheetNames = workbook.worksheets.map((sheet) => sheet.name);
    expect(sheetNames.length, `sheets: ${sheetNames.join(", ")}`).toBeGreaterThan(5);
    const cells: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain(passages);
    expect(cells).toContain(sollicitations);

    // The quarterly report: a real PDF whose text carries the totals shown on the page.
    const pdf = await download(page, /^Rapport trimestriel \(PDF\)/);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    const compact = text.replace(/\s/g, "");
    expect(compact).toContain(passages);
    expect(compact).toContain(sollicitations);
    expect(text).toContain("Sarreguemines");

    expect(errors).toEqual([]);
  });

  it("the département dashboard of the coordinateur: ranking, alert, no accessibility violation", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, COORDINATEUR);
    await gotoPage(page, "/pilotage");
    expect(pathnameOf(page)).toBe("/pilotage/departements/57");
    await expectNotErrorPage(page);
    await expectOneH1(page);
    expect(await page.locator("h1").innerText()).toBe("Pilotage du département 57 — Moselle");
    expect(await page.locator("#table-classement-structures tbody tr").count()).toBeGreaterThanOrEqual(3);
    // Outside the structures' teams, whole months, quarters and years only (ADR 021).
    expect(
      await page.locator("#periode-type option").evaluateAll((options) => options.map((o) => o.getAttribute("value"))),
    ).toEqual(["mois", "trimestre", "annee"]);
    await expectNoAxeViolations(page);
    const custom = await gotoPage(page, "/pilotage/departements/57?type=personnalise&du=2026-01-01&au=2026-01-10");
    expect(custom.status()).toBe(400);
    expect(await page.locator("#periode-type-erreur").innerText()).toContain(
      "un mois, un trimestre ou une année entiers",
    );
    await expectNoAxeViolations(page);
    await gotoPage(page, "/pilotage/departements/57");
    // A structure of the ranking opens its own dashboard.
    await page.locator("#table-classement-structures tbody a").first().click();
    await page.waitForURL((url) => STRUCTURE_DASHBOARD.test(url.pathname));
    await waitForApp(page);
    await expectNotErrorPage(page);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });

  it("the national dashboard: départements and formats, no accessibility violation", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, NATIONAL);
    await gotoPage(page, "/pilotage");
    expect(pathnameOf(page)).toBe("/pilotage/national");
    await expectNotErrorPage(page);
    await expectOneH1(page);
    expect(await page.locator("h1").innerText()).toBe("Pilotage national");
    await expectNoAxeViolations(page);
    // An invalid period answers 400 with the form and its message, accessible too.
    const response = await gotoPage(page, "/pilotage/national?periode=2026-Q9");
    expect(response.status()).toBe(400);
    expect(await page.getByRole("alert").innerText()).toContain("Période invalide");
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
