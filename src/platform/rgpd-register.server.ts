import { readFile } from "node:fs/promises";
import path from "node:path";

/** The register of processing (docs/rgpd.md), as published with the source code. */
export async function readRgpdRegister(): Promise<string | null> {
  try {
    return await readFile(path.resolve("docs/rgpd.md"), "utf8");
  } catch {
    return null;
  }
}
