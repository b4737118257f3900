import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "./app-error";
import { config, parseConfig, setConfig } from "./config.server";
import { decrypt, encrypt, encryptionAvailable, keyIdOf, parseEncryptionKeys } from "./encryption.server";

const key = () => randomBytes(32).toString("base64");
const original = config();

afterEach(() => {
  setConfig({ ENCRYPTION_KEYS: original.ENCRYPTION_KEYS, DEMO_MODE: original.DEMO_MODE });
});

function codeOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
}

describe("encryption at rest (AES-256-GCM with key id)", () => {
  it("round-trips, never stores the plaintext, and uses a fresh IV each time", () => {
    setConfig({ ENCRYPTION_KEYS: `k1:${key()}` });
    const a = encrypt("1234567", "row-1");
    const b = encrypt("1234567", "row-1");
    expect(a.value).not.toContain("1234567");
    expect(a.value).not.toBe(b.value);
    expect(a.keyId).toBe("k1");
    expect(decrypt(a.value, "row-1")).toBe("1234567");
  });

  it("binds the ciphertext to its row and detects tampering", () => {
    setConfig({ ENCRYPTION_KEYS: `k1:${key()}` });
    const sealed = encrypt("1234567", "row-1").value;
    expect(codeOf(() => decrypt(sealed, "row-2"))).toBe("encryption.unreadable");
    const parts = sealed.split(":");
    parts[4] = Buffer.from("7654321").toString("base64url");
    expect(codeOf(() => decrypt(parts.join(":"), "row-1"))).toBe("encryption.unreadable");
  });

  it("rotates: the first key encrypts, older keys still decrypt, a removed key does not", () => {
    const k1 = key();
    const k2 = key();
    setConfig({ ENCRYPTION_KEYS: `k1:${k1}` });
    const old = encrypt("secret", "row").value;
    setConfig({ ENCRYPTION_KEYS: `k2:${k2},k1:${k1}` });
    expect(decrypt(old, "row")).toBe("secret");
    expect(keyIdOf(encrypt("secret", "row").value)).toBe("k2");
    setConfig({ ENCRYPTION_KEYS: `k2:${k2}` });
    expect(codeOf(() => decrypt(old, "row"))).toBe("encryption.unreadable");
  });

  it("refuses to encrypt without a key outside demo mode, and derives a fixed key in demo mode", () => {
    setConfig({ ENCRYPTION_KEYS: undefined, DEMO_MODE: false });
    expect(encryptionAvailable()).toBe(false);
    expect(codeOf(() => encrypt("x", "row"))).toBe("encryption.unavailable");
    setConfig({ ENCRYPTION_KEYS: undefined, DEMO_MODE: true });
    const sealed = encrypt("x", "row");
    expect(sealed.keyId).toBe("demo");
    setConfig({ ENCRYPTION_KEYS: undefined, DEMO_MODE: true });
    expect(decrypt(sealed.value, "row")).toBe("x");
  });

  it("validates ENCRYPTION_KEYS: format in the configuration, 32 bytes and unique ids when parsed", () => {
    expect(() => parseConfig({ ENCRYPTION_KEYS: "pas-une-cle" })).toThrow(/ENCRYPTION_KEYS/);
    expect(() => parseEncryptionKeys(`k1:${randomBytes(16).toString("base64")}AAAAAAAAAAAAAAAAAAAA`)).toThrow(
      /32 octets/,
    );
    expect(() => parseEncryptionKeys(`k1:${key()},k1:${key()}`)).toThrow(/même identifiant/);
    expect(parseEncryptionKeys(`k1:${key()},k2:${key()}`).map((entry) => entry.id)).toEqual(["k1", "k2"]);
  });
});
