import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.server";

describe("configuration", () => {
  it("has working defaults: embedded database in ./data, port 3000", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: "./data", DEMO_MODE: false, SESSION_IDLE_MINUTES: 30 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TOTP_REQUIRED_ROLES).toEqual([
      "agent",
      "responsable",
      "referent",
      "coordinateur",
      "national",
      "admin",
    ]);
  });

  it("reads and coerces values", () => {
    const config = parseConfig({
      PORT: "8080",
      DEMO_MODE: "true",
      TOTP_REQUIRED_ROLES: "admin, agent",
      DATABASE_URL: "postgres://u@h/db",
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DEMO_MODE: true,
      TOTP_REQUIRED_ROLES: ["admin", "agent"],
      DATABASE_URL: "postgres://u@h/db",
    });
  });

  it("gives one clear French line for a bad value", () => {
    expect(() => parseConfig({ PORT: "soixante" })).toThrow(ConfigError);
    expect(() => parseConfig({ DATABASE_URL: "mysql://x" })).toThrow(
      /^Configuration invalide : DATABASE_URL doit commencer par postgres/,
    );
    expect(() => parseConfig({ TOTP_REQUIRED_ROLES: "agent,pilote" })).toThrow(/TOTP_REQUIRED_ROLES/);
  });

  it("trusts a counted number of proxies, never every X-Forwarded-For entry", () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(0);
    expect(parseConfig({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseConfig({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseConfig({ TRUST_PROXY: "loopback" })).toThrow(/TRUST_PROXY/);
  });
});
