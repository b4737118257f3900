import { describe, expect, it } from "vitest";
import { setupCli } from "../test/cli-harness";

const { guichet } = setupCli("referents-cli");

describe("guichet referents confirm-request", () => {
  it("asks every group of the directory to confirm its entry, by hand", async () => {
    expect((await guichet(["db", "seed", "--demo", "--jours", "0"])).code).toBe(0);
    const dry = await guichet(["referents", "confirm-request", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Simulation");
    const run = await guichet(["referents", "confirm-request"]);
    expect(run.code).toBe(0);
    // The demo has one group per demo referent (CAF, Assurance maladie, DGFiP in Moselle).
    expect(run.stdout).toMatch(/^3 groupe\(s\) sollicité\(s\)/m);
  }, 180_000);
});
