import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, config, parseConfig, setConfig } from "../platform/config.server";
import { auditKey, MISSING_AUDIT_KEY } from "./audit-key.server";

describe("audit key", () => {
  const original = config();
  afterEach(() => {
    setConfig({ AUDIT_HMAC_KEY: original.AUDIT_HMAC_KEY, DEMO_MODE: original.DEMO_MODE, DATA_DIR: original.DATA_DIR });
  });

  it("comes from AUDIT_HMAC_KEY, which must have at least 32 characters", () => {
    expect(auditKey().toString("utf8")).toBe(original.AUDIT_HMAC_KEY);
    expect(() => parseConfig({ AUDIT_HMAC_KEY: "trop-courte" })).toThrow(
      /^Configuration invalide : AUDIT_HMAC_KEY doit compter au moins 32 caractères/,
    );
  });

  it("is required outside demo mode: its absence is a configuration error in one French line", () => {
    setConfig({ AUDIT_HMAC_KEY: undefined, DEMO_MODE: false });
    expect(() => auditKey()).toThrow(ConfigError);
    expect(() => auditKey()).toThrow(MISSING_AUDIT_KEY);
  });

  it("in demo mode without AUDIT_HMAC_KEY, is generated once into DATA_DIR, readable by its owner only", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "guichet-audit-key-"));
    try {
      setConfig({ AUDIT_HMAC_KEY: undefined, DEMO_MODE: true, DATA_DIR: dir });
      const key = auditKey();
      expect(key.length).toBeGreaterThanOrEqual(32);
      const file = path.join(dir, "audit-hmac.key");
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(file, "utf8")).toBe(key.toString("utf8"));
      // Another process (here: a fresh cache) finds the same key.
      setConfig({ DATA_DIR: `${dir}/` });
      expect(auditKey().equals(key)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
