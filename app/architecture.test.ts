import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Rules written in CONVENTIONS.md, enforced: a rule nothing checks goes stale. */
const APP_DIR = path.dirname(new URL(import.meta.url).pathname);

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

  it("every route module's loader and action calls a require… guard first", () => {
    const routesDir = path.join(APP_DIR, "routes");
    const missing: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(routesDir)) {
      const text = readFileSync(file, "utf8");
      const lines = text.split("\n");
      for (const kind of ["loader", "action"]) {
        const start = lines.findIndex((line) => new RegExp(`^export (async )?function ${kind}\\b`).test(line));
        if (start < 0) continue;
        checked += 1;
        const bodyStart = lines.findIndex((line, index) => index >= start && /\)(: [^{]+)? \{$/.test(line));
        const firstStatement =
          lines
            .slice(bodyStart + 1)
            .find((line) => line.trim() && !line.trim().startsWith("//"))
            ?.trim() ?? "";
        if (!/\brequire[A-Z]\w*\(/.test(firstStatement))
          missing.push(`${path.basename(file)} ${kind}: ${firstStatement}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it("no placeholder is left in the routes", () => {
    const placeholders = sourceFiles(path.join(APP_DIR, "routes")).filter((file) =>
      readFileSync(file, "utf8").includes("PLACEHOLDER"),
    );
    expect(placeholders.map((file) => path.basename(file))).toEqual([]);
  });
});
