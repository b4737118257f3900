import { eq, ne } from "drizzle-orm";
import { z } from "zod";
import { usagerIdentifiants } from "../db/schema";
import { isAppError } from "../platform/app-error";
import { decrypt, encrypt, encryptionKeys } from "../platform/encryption.server";
import type { JobDefinition } from "../platform/jobs.server";
import { identifiantAad } from "./get-usager.server";

/** Key rotation: identifiers sealed with an older key are re-encrypted with the current one (first of ENCRYPTION_KEYS). */
export const rotateEncryptionJob: JobDefinition = {
  name: "usagers.rechiffrement",
  everyMinutes: 24 * 60,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async run({ tx }) {
    const [current] = encryptionKeys();
    if (!current) return { rechiffres: 0, illisibles: 0 };
    const stale = await tx.select().from(usagerIdentifiants).where(ne(usagerIdentifiants.keyId, current.id));
    let unreadable = 0;
    for (const row of stale) {
      let plaintext: string;
      try {
        plaintext = decrypt(row.chiffre, identifiantAad(row.id));
      } catch (error) {
        // A key removed too early: the value stays as it is, counted, never lost by this job.
        if (!isAppError(error)) throw error;
        unreadable += 1;
        continue;
      }
      const sealed = encrypt(plaintext, identifiantAad(row.id));
      await tx
        .update(usagerIdentifiants)
        .set({ chiffre: sealed.value, keyId: sealed.keyId })
        .where(eq(usagerIdentifiants.id, row.id));
    }
    return { rechiffres: stale.length - unreadable, illisibles: unreadable };
  },
};
