import { describe, expect, it } from "vitest";
import { setupCli } from "../test/cli-harness";

const { guichet } = setupCli("retention");

describe("guichet retention run", () => {
  it("shows what would go with --dry-run, then runs for real", async () => {
    expect((await guichet(["db", "seed", "--demo", "--jours", "0"])).code).toBe(0);
    const dry = await guichet(["retention", "run", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Simulation (rien n’a été modifié)");
    expect(dry.stdout).toMatch(/fiches usager détruites : 0/);
    const real = await guichet(["retention", "run"]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("Destruction effectuée");
    const jobs = await guichet(["jobs", "run", "--name", "retention.destruction", "--dry-run"]);
    expect(jobs.code).toBe(0);
    expect(jobs.stdout).toContain("retention.destruction : succeeded");
  }, 240_000);
});
