import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layer rules of .dependency-cruiser.cjs, shown to fail: the repository's configuration runs on a
 * small tree written to a temporary folder, once clean, once with one misplaced import per rule.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const DEPCRUISE = path.join(ROOT, "node_modules/.bin/depcruise");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");

/** A tree that follows every rule: a route calls a use case, which uses the platform and the database. */
const CLEAN: Record<string, string> = {
  "src/db/schema.ts": "export const passages = {};\n",
  "src/platform/time.ts": 'import { passages } from "../db/schema";\nexport const now = () => passages;\n',
  "src/accueil/record.server.ts": 'import { now } from "../platform/time";\nexport const record = () => now();\n',
  "src/opendata/export.ts": 'import { record } from "../accueil/record.server";\nexport const data = record;\n',
  "app/routes/accueil.tsx":
    'import { record } from "../../src/accueil/record.server";\nexport const loader = record;\n',
  "src/accueil/record.test.ts": 'import "react-router";\nimport "../../app/routes/accueil";\n',
  "e2e/accueil.e2e.ts": 'import "../src/db/schema";\nimport "react-router";\n',
};

/** One misplaced import per rule, beside the clean tree. */
const MISPLACED: Record<string, string> = {
  "src/accueil/__lint_probe__.ts": 'import { data } from "react-router";\nexport const probe = data;\n',
  "src/accueil/uses-route.ts": 'import { loader } from "../../app/routes/accueil";\nexport const probe = loader;\n',
  "src/platform/uses-capability.ts":
    'import { record } from "../accueil/record.server";\nexport const probe = record;\n',
  "app/routes/__lint_probe__.tsx": 'import { passages } from "../../src/db/schema";\nexport const probe = passages;\n',
  "src/referentiel/lists.ts": 'import { data } from "../opendata/export";\nexport const lists = data;\n',
  "src/accueil/reads-lists.ts": 'import { lists } from "../referentiel/lists";\nexport const probe = lists;\n',
  "src/territoire/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
  "src/territoire/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
};

/** Writes the tree to a temporary folder, runs depcruise there with the repository's configuration, removes it. */
function cruise(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "guichet-lint-probe-"));
  try {
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { moduleResolution: "bundler" } }),
    );
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const run = spawnSync(DEPCRUISE, ["app", "src", "e2e", "--config", CONFIG, "--output-type", "err"], {
      cwd: dir,
      encoding: "utf8",
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the dependency-cruiser configuration", () => {
  it("passes a tree that follows the layer rules, tests and e2e included", () => {
    const result = cruise(CLEAN);
    expect(result.output).toContain("no dependency violations found");
    expect(result.status).toBe(0);
  });

  it("fails on a misplaced import, naming the rule it breaks", () => {
    const result = cruise({ ...CLEAN, ...MISPLACED });
    expect(result.status).not.toBe(0);
    const found = (rule: string, from: string) => new RegExp(`error ${rule}: ${from.replaceAll(".", "\\.")} →`);
    expect(result.output).toMatch(found("src-not-to-react-router", "src/accueil/__lint_probe__.ts"));
    expect(result.output).toMatch(found("src-not-to-app", "src/accueil/uses-route.ts"));
    expect(result.output).toMatch(found("platform-not-to-capabilities", "src/platform/uses-capability.ts"));
    expect(result.output).toMatch(found("routes-not-to-db", "app/routes/__lint_probe__.tsx"));
    expect(result.output).toMatch(found("no-capability-cycles", "src/referentiel"));
    expect(result.output).toMatch(found("no-circular", "src/territoire/a.ts"));
    expect(result.output).not.toMatch(/error [a-z-]+: (e2e\/|src\/accueil\/record\.test)/);
  });
});
