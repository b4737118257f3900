import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "./app-error";
import { config } from "./config.server";
import { logger } from "./logger.server";

/**
 * Encryption at rest of the few secrets Guichet must keep readable (partner identifiers):
 * AES-256-GCM, a fresh 96-bit IV per value, the key id in the ciphertext so that keys can rotate.
 * Keys come from ENCRYPTION_KEYS ("k1:<base64 32 bytes>,k2:…"); the first one encrypts.
 * The associated data binds a ciphertext to its row: moved to another row, it does not decrypt.
 */
export type EncryptionKey = { id: string; key: Buffer };

const FORMAT = "v1";
const DEMO_KEY_ID = "demo";

/** Parses "k1:<base64>,k2:<base64>"; every key must be 32 bytes and every id unique. */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const keys = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const index = part.indexOf(":");
      const id = part.slice(0, index);
      const key = Buffer.from(
        part
          .slice(index + 1)
          .replace(/-/g, "+")
          .replace(/_/g, "/"),
        "base64",
      );
      if (index < 1 || key.length !== 32)
        throw new Error(`ENCRYPTION_KEYS : la clé « ${id || "?"} » doit faire 32 octets encodés en base64.`);
      return { id, key };
    });
  const ids = new Set(keys.map((key) => key.id));
  if (ids.size !== keys.length) throw new Error("ENCRYPTION_KEYS : deux clés portent le même identifiant.");
  return keys;
}

const KEYS_KEY = Symbol.for("guichet.encryption-keys");
type Holder = { [KEYS_KEY]?: { source: string; keys: EncryptionKey[] } };

/** The keys in force: ENCRYPTION_KEYS, or in demo mode a fixed, public demo key (with a warning). */
export function encryptionKeys(): EncryptionKey[] {
  const { ENCRYPTION_KEYS, DEMO_MODE } = config();
  const source = ENCRYPTION_KEYS ?? (DEMO_MODE ? DEMO_KEY_ID : "");
  const holder = globalThis as Holder;
  if (holder[KEYS_KEY]?.source === source) return holder[KEYS_KEY].keys;
  let keys: EncryptionKey[] = [];
  if (ENCRYPTION_KEYS) keys = parseEncryptionKeys(ENCRYPTION_KEYS);
  else if (DEMO_MODE) {
    keys = [
      {
        id: DEMO_KEY_ID,
        key: createHash("sha256").update("guichet: clé de démonstration, publique, jamais en production").digest(),
      },
    ];
    logger().warn("ENCRYPTION_KEYS is not set: demo mode uses a fixed, public demo key for partner identifiers");
  }
  holder[KEYS_KEY] = { source, keys };
  return keys;
}

/** Whether a value can be encrypted now (a key is configured, or demo mode). */
export function encryptionAvailable(): boolean {
  return encryptionKeys().length > 0;
}

function currentKey(): EncryptionKey {
  const [key] = encryptionKeys();
  if (!key) throw new AppError("encryption.unavailable", 503);
  return key;
}

export type Sealed = { value: string; keyId: string };

export function encrypt(plaintext: string, associatedData: string): Sealed {
  const { id, key } = currentKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    value: [FORMAT, id, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(":"),
    keyId: id,
  };
}

/** The key id a ciphertext was sealed with. */
export function keyIdOf(sealed: string): string {
  return sealed.split(":")[1] ?? "";
}

/** Decrypts a value; a missing key or a tampered value is an AppError (never the plaintext of something else). */
export function decrypt(sealed: string, associatedData: string): string {
  const [format, keyId, iv, tag, body] = sealed.split(":");
  if (format !== FORMAT || !iv || !tag || body === undefined) throw new AppError("encryption.unreadable", 500);
  const entry = encryptionKeys().find((candidate) => candidate.id === keyId);
  if (!entry)
    throw new AppError(encryptionKeys().length === 0 ? "encryption.unavailable" : "encryption.unreadable", 503);
  try {
    const decipher = createDecipheriv("aes-256-gcm", entry.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new AppError("encryption.unreadable", 500);
  }
}
