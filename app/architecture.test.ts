import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkRouteGuards, guardModule } from "./architecture-rules";

/**
 * The layer rules of docs/decisions/017-layer-rules.md that dependency-cruiser cannot express,
 * enforced: a rule nothing checks goes stale. The import rules themselves are in .dependency-cruiser.cjs.
 */
const APP_DIR = path.dirname(new URL(import.meta.url).pathname);
const GUARDS_FILE = path.join(APP_DIR, "../src/acces/guards.server.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "+types" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("architecture", () => {
  it("routes and components never build SQL: no drizzle, no database handle, no schema import", () => {
    const offenders = sourceFiles(APP_DIR).filter((file) => {
      const text = readFileSync(file, "utf8");
      return /from "drizzle-orm/.test(text) || /src\/db\/(client|schema)/.test(text) || /\bdb\(\)/.test(text);
    });
    expect(offenders.map((file) => path.relative(APP_DIR, file))).toEqual([]);
  });

  it("every route module's loader and action starts with a guard of src/acces/guards.server.ts", () => {
    const guards = guardModule(GUARDS_FILE, readFileSync(GUARDS_FILE, "utf8"));
    expect([...guards.guards]).toEqual(expect.arrayContaining(["requireUser", "requirePermission", "requirePublic"]));
    const violations: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(path.join(APP_DIR, "routes"))) {
      const result = checkRouteGuards(file, readFileSync(file, "utf8"), guards);
      checked += result.checked.length;
      violations.push(...result.violations);
    }
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(80);
  });

  it("no placeholder is left in the routes", () => {
    const placeholders = sourceFiles(path.join(APP_DIR, "routes")).filter((file) =>
      readFileSync(file, "utf8").includes("PLACEHOLDER"),
    );
    expect(placeholders.map((file) => path.basename(file))).toEqual([]);
  });

  it("forms are read strictly, through readFormData, and ids in paths through routeId (issue 12)", () => {
    const reader = path.join(APP_DIR, "../src/platform/form.server.ts");
    const rawReads = [...sourceFiles(APP_DIR), ...sourceFiles(path.join(APP_DIR, "../src"))].filter(
      (file) => file !== reader && /\.formData\(\)/.test(readFileSync(file, "utf8")),
    );
    expect(rawReads.map((file) => path.relative(APP_DIR, file))).toEqual([]);
    const rawIds = sourceFiles(path.join(APP_DIR, "routes")).filter((file) =>
      /params\.(id|structure)\b/.test(readFileSync(file, "utf8")),
    );
    expect(rawIds.map((file) => path.basename(file))).toEqual([]);
  });
});
