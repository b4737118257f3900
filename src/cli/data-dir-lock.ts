import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The embedded database (PGlite) lives in one process: a second process opening the same DATA_DIR
 * would not see the first one's writes and could corrupt the files. A lock file with the owner's
 * pid keeps a CLI command from opening it while the server runs (stale locks are taken over).
 */
export class DataDirBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "guichet.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
        throw new DataDirBusyError(
          `La base embarquée (${dataDir}) est utilisée par un autre processus Guichet (pid ${owner}) : arrêtez le serveur avant cette commande, ou utilisez un serveur PostgreSQL (DATABASE_URL).`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`Impossible de verrouiller la base embarquée (${dataDir}).`);
}
