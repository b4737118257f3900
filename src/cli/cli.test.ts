import { describe, expect, it } from "vitest";
import { setupCli } from "../test/cli-harness";

const { guichet } = setupCli("cli");

describe("guichet CLI", () => {
  it("migrates, seeds the demo once, creates an API token and verifies the journal", async () => {
    const seeded = await guichet(["db", "seed", "--demo", "--jours", "7"]);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain("3 structures");
    expect(seeded.stdout).toMatch(/[1-9]\d* passages/);
    const again = await guichet(["db", "seed", "--demo"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("contient déjà des comptes");

    const token = await guichet(["token", "create", "--user", "agent@demo.guichet.test"]);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^gch_[A-Za-z0-9_-]{40,}$/);

    const created = await guichet(["user", "create", "--email", "Nouvel.Admin@Exemple.fr", "--role", "admin"]);
    expect(created.code).toBe(0);
    const duplicate = await guichet(["user", "create", "--email", "nouvel.admin@exemple.fr", "--role", "admin"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("Un compte existe déjà");
    expect((await guichet(["user", "reset-2fa", "--email", "agent@demo.guichet.test"])).code).toBe(0);

    const verify = await guichet(["audit", "verify"]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Journal intègre : \d+ entrées vérifiées, aucun sceau trouvé\./);
  }, 180_000);

  it("seals the audit journal (job audit.sceau) and checks the seal, as a runtime role that does not migrate", async () => {
    // Migrating needs no audit key; on PostgreSQL it runs as the owner role (MIGRATION_DATABASE_URL).
    expect((await guichet(["db", "migrate"], { AUDIT_HMAC_KEY: "" })).code).toBe(0);
    // Without MIGRATION_DATABASE_URL, the runtime role only checks that the migrations were applied, then works.
    const runtimeOnly = { MIGRATION_DATABASE_URL: "" };
    expect(
      (await guichet(["user", "create", "--email", "sceau@exemple.fr", "--role", "admin"], runtimeOnly)).code,
    ).toBe(0);
    expect((await guichet(["jobs", "run", "--name", "audit.sceau"])).stdout).toContain('"scelle":1');
    const sealed = await guichet(["audit", "verify"]);
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toMatch(/Journal intègre : \d+ entrées vérifiées, 1 sceau\(x\) vérifié\(s\)\./);
  }, 120_000);

  it("refuses to start without AUDIT_HMAC_KEY outside demo mode, in one French line", async () => {
    const result = await guichet(["audit", "verify"], { AUDIT_HMAC_KEY: "" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("AUDIT_HMAC_KEY est obligatoire hors mode démonstration");
  }, 60_000);

  it("refuses an unknown role with exit code 2", async () => {
    const badRole = await guichet(["user", "create", "--email", "x@exemple.fr", "--role", "pilote"]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("Rôle inconnu");
  }, 60_000);

  it("stops with one clear line and exit code 1 on a bad configuration value", async () => {
    const result = await guichet(["db", "migrate"], { PORT: "soixante" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("Configuration invalide : PORT");
  }, 60_000);
});
