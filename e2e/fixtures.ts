import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import axe from "axe-core";
import { generate } from "otplib";
import { type Browser, type BrowserContext, chromium, type Page, type Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from "vitest";
import { type NavItem, navItemsFor } from "../app/components/layout/navigation";
import type { Role } from "../src/acces/roles";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "../src/demo/seed-demo.server";

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH points elsewhere when needed. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** As root in a closed network: no sandbox, and none of Chromium's own background connections. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS_DIR = fileURLToPath(new URL("./artifacts/", import.meta.url));

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

export function baseUrl(): string {
  return inject("e2eBaseUrl");
}

// ---------------------------------------------------------------------------------------------
// Browser lifecycle

export type BrowserFixture = {
  /** The page of the current test (a fresh context: no cookie from another test). */
  readonly page: Page;
  /** Another isolated context, e.g. without JavaScript. */
  newPage(options?: { javaScriptEnabled?: boolean }): Promise<Page>;
};

/**
 * Every console error and uncaught exception of every page a test opens: the test fails on any of them
 * (a hydration error, a failed script, a 500…). Only the browser's own « Failed to load resource » line for a
 * request the server answered with a 4xx status is expected: a 403 page opened on purpose, a form refused with 400
 * or 401 (React Router fetches the reply).
 */
function watchConsole(page: Page, errors: string[]): void {
  const refused = new Set<string>();
  page.on("response", (response) => {
    if (response.status() >= 400 && response.status() < 500) refused.add(response.url());
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: uncaught ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (/^Failed to load resource/.test(text) && refused.has(message.location().url)) return;
    errors.push(`${page.url()}: console error: ${text}`);
  });
}

/**
 * Registers the hooks of a test file: one Chromium for the file, one fresh context per test,
 * and a screenshot in e2e/artifacts/ when a test fails.
 */
export function setupBrowser(): BrowserFixture {
  let browser: Browser | null = null;
  let contexts: BrowserContext[] = [];
  let current: Page | null = null;
  let consoleErrors: string[] = [];

  async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    if (!browser) throw new Error("setupBrowser(): the browser is not started");
    const context = await browser.newContext({
      baseURL: baseUrl(),
      locale: "fr-FR",
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    watchConsole(page, consoleErrors);
    return page;
  }

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async ({ task, onTestFailed }) => {
    consoleErrors = [];
    current = await newPage();
    const page = current;
    onTestFailed(async () => {
      const name = `${task.name}`.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 120);
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    });
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    contexts = [];
    current = null;
    const seen = consoleErrors;
    consoleErrors = [];
    expect(seen, "console errors or uncaught exceptions in the pages of this test").toEqual([]);
  });

  return {
    get page() {
      if (!current) throw new Error("setupBrowser(): no page outside a test");
      return current;
    },
    newPage,
  };
}

// ---------------------------------------------------------------------------------------------
// Navigation

/** Waits until React Router has hydrated the page and no navigation is under way. */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  const hasScripts = await page.evaluate(() => "__reactRouterContext" in window).catch(() => false);
  if (!hasScripts) return;
  await page.waitForFunction(() => {
    const router = (
      window as unknown as {
        __reactRouterDataRouter?: { state: { initialized: boolean; navigation: { state: string } } };
      }
    ).__reactRouterDataRouter;
    return Boolean(router?.state.initialized && router.state.navigation.state === "idle");
  });
}

/** A full page load of `url` (relative to the server), once the app is ready. */
export async function gotoPage(page: Page, url: string): Promise<Response> {
  const response = await page.goto(url);
  if (!response) throw new Error(`No response for ${url}`);
  await waitForApp(page);
  return response;
}

export function pathnameOf(page: Page): string {
  return new URL(page.url()).pathname;
}

const ERROR_TITLES = [
  "Page non trouvée",
  "Accès refusé",
  "Erreur inattendue",
  "Connexion nécessaire",
  "Requête impossible",
];

/** Fails when the page shows the application's error page (404, 403, 500…). */
export async function expectNotErrorPage(page: Page): Promise<void> {
  const h1 = (await page.locator("h1").allInnerTexts()).map((text) => text.trim());
  const status = await page.locator("main p", { hasText: /^Erreur \d{3}$/ }).allInnerTexts();
  expect(status, `error page at ${page.url()} (h1: ${h1.join(" | ")})`).toEqual([]);
  for (const title of h1) expect(ERROR_TITLES, `error page at ${page.url()}`).not.toContain(title);
}

/** The rule of the house: exactly one h1 per page. */
export async function expectOneH1(page: Page): Promise<void> {
  const h1 = await page.locator("h1").allInnerTexts();
  expect(h1.length, `h1 elements at ${page.url()}: ${JSON.stringify(h1)}`).toBe(1);
  expect(h1[0].trim(), `empty h1 at ${page.url()}`).not.toBe("");
}

/** Collects uncaught exceptions and Content-Security-Policy refusals seen by the page. */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      errors.push(`${page.url()}: ${message.text()}`);
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Agent journeys

/** As the logged-in agent, a new usager and a CAF démarche with two pièces, through the forms; returns its path. */
export async function openDemarche(page: Page, nom: string): Promise<string> {
  await gotoPage(page, "/usagers/nouveau");
  await page.getByLabel("Nom", { exact: true }).fill(nom);
  await page.getByLabel("Prénom", { exact: true }).fill("Odile");
  await page.getByLabel("Commune de résidence").fill("Sarreguemines");
  await page.locator("label", { hasText: "L’usager a reçu la notice d’information" }).click();
  await page.getByRole("button", { name: "Créer la fiche", exact: true }).click();
  await page.waitForURL((url) => url.search === "?motif=cree");
  await page.getByRole("link", { name: "Nouvelle démarche" }).click();
  await page.waitForURL((url) => url.pathname === "/demarches/nouvelle");
  await waitForApp(page);
  await page.getByLabel("Intitulé de la démarche").fill("Demande d’aide au logement");
  await page.getByLabel("Partenaire").selectOption("caf");
  await page.getByLabel("Pièces justificatives à fournir").fill("Avis d’imposition\nBail de location");
  await page.getByRole("button", { name: "Ouvrir la démarche", exact: true }).click();
  await page.waitForURL((url) => url.search === "?motif=creee");
  await waitForApp(page);
  return pathnameOf(page);
}

// ---------------------------------------------------------------------------------------------
// Accounts

export function demoAccount(email: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.email === email);
  if (!account) throw new Error(`Unknown demo account ${email}`);
  return account;
}

/** The roles a demo account holds (the structure ids do not matter for the role names). */
export function rolesOf(account: DemoAccount): Role[] {
  return [...new Set(account.roles({ sarreguemines: "s", msap: "m", bus: "b" }).map((scope) => scope.role))];
}

export function expectedNavItems(account: DemoAccount): NavItem[] {
  return navItemsFor(rolesOf(account));
}

/** The main navigation's links, as the user sees them. */
export function mainNavigation(page: Page) {
  return page.locator("#navigation-principale");
}

/** The login form's fields, found by their labels as a user would. */
export function emailField(page: Page) {
  return page.getByRole("textbox", { name: /^Adresse électronique/ });
}

export function passwordField(page: Page) {
  return page.getByLabel("Mot de passe", { exact: true });
}

/** Opens the login page and submits the real form; does not wait for the outcome. */
export async function submitLoginForm(page: Page, email: string, password: string): Promise<void> {
  await gotoPage(page, "/connexion");
  await emailField(page).fill(email);
  await passwordField(page).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/**
 * Logs in through the login form and waits for the landing page. An account whose second factor
 * was enabled by a test of this run (rememberTotpSecret) answers the verification step too.
 */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLoginForm(page, email, password);
  await page.waitForFunction(
    () => location.pathname !== "/connexion" || document.querySelector(".fr-alert--error, .fr-error-text") !== null,
  );
  if (pathnameOf(page) === "/connexion") {
    const shown = await page.locator(".fr-alert--error, .fr-error-text").allInnerTexts();
    throw new Error(`Login as ${email} failed: ${shown.join(" / ")}`);
  }
  await waitForApp(page);
  if (pathnameOf(page) === "/connexion/verification") {
    const secret = await totpSecretFor(email);
    if (!secret) throw new Error(`${email} has a second factor but no test of this run recorded its secret`);
    await submitTotpCode(page, secret);
    await page.waitForURL((url) => url.pathname !== "/connexion/verification");
    await waitForApp(page);
  }
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.waitForURL((url) => url.pathname === "/connexion");
  await waitForApp(page);
}

// ---------------------------------------------------------------------------------------------
// Second factor

function secretsFile(): string {
  return path.join(inject("e2eStateDir"), "totp-secrets.json");
}

async function readSecrets(): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(secretsFile(), "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Test files run one after the other on one server: they share the secrets they enrolled. */
export async function rememberTotpSecret(email: string, secret: string): Promise<void> {
  await writeFile(secretsFile(), JSON.stringify({ ...(await readSecrets()), [email]: secret }));
}

export async function totpSecretFor(email: string): Promise<string | null> {
  return (await readSecrets())[email] ?? null;
}

/** Reads the enrolment secret from the page: the otpauth:// address, or the key shown as text. */
export async function readTotpSecret(page: Page): Promise<string> {
  const html = await page.content();
  const fromUri = /otpauth:\/\/[^"'\s<]*[?&](?:amp;)?secret=([A-Z2-7]+)/i.exec(html);
  if (fromUri) return fromUri[1].toUpperCase();
  const text = await page.locator("main").innerText();
  const fromText = /\b([A-Z2-7]{4}(?:[ \u00a0-]?[A-Z2-7]{4}){3,})\b/.exec(text);
  if (fromText) return fromText[1].replace(/[ \u00a0-]/g, "");
  throw new Error(`No TOTP secret found on ${page.url()}`);
}

/** Types the current 6-digit code in the page's code field and submits its form. */
function stepsFile(): string {
  return path.join(inject("e2eStateDir"), "totp-steps.json");
}

/**
 * A code for the earliest step this secret has not used yet, remembered across test files (one server):
 * the server accepts a code once (replay protection) and one step either side of its clock, so a second
 * code within 30 seconds is the next step's, and a third waits for the clock.
 */
async function unusedTotpCode(secret: string): Promise<string> {
  let used: Record<string, number> = {};
  try {
    used = JSON.parse(await readFile(stepsFile(), "utf8")) as Record<string, number>;
  } catch {
    used = {};
  }
  const stepNow = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(stepNow(), (used[secret] ?? -1) + 1);
  while (step > stepNow() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  await writeFile(stepsFile(), JSON.stringify({ ...used, [secret]: step }));
  return generate({ secret, epoch: step * 30 });
}

export async function submitTotpCode(page: Page, secret: string): Promise<void> {
  const code = await unusedTotpCode(secret);
  const form = page.locator("form", { has: page.locator('input[name="code"]') });
  await form.locator('input[name="code"]').fill(code);
  await form.locator('button[type="submit"]').first().click();
}

// ---------------------------------------------------------------------------------------------
// Accessibility

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; html: string; summary: string }>;
};

/** Runs axe-core on the whole document; fails with a readable list of every violation. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => "axe" in window);
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy stays in force.
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String).join(" "),
        html: node.html.slice(0, 200),
        summary: (node.failureSummary ?? "").replace(/\s+/g, " ").trim(),
      })),
    }));
  });
  expect(violations.length === 0, formatViolations(page.url(), violations)).toBe(true);
}

export function formatViolations(url: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `no accessibility violation on ${url}`;
  const lines = [`${violations.length} accessibility rule(s) violated on ${url}:`];
  for (const violation of violations) {
    lines.push(`- [${violation.impact ?? "?"}] ${violation.id}: ${violation.help} (${violation.helpUrl})`);
    for (const node of violation.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target}`, `      ${node.html}`, `      ${node.summary}`);
    }
    if (violation.nodes.length > 5) lines.push(`    … and ${violation.nodes.length - 5} more element(s)`);
  }
  return lines.join("\n");
}

/** A page is sound: the app hydrated, it is not an error page, it has one h1 and axe finds no violation. */
export async function checkPage(page: Page): Promise<void> {
  await waitForApp(page);
  await expectNotErrorPage(page);
  await expectOneH1(page);
  await expectNoAxeViolations(page);
}
