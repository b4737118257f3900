import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirBusyError, lockDataDir } from "./data-dir-lock";

describe("embedded database lock", () => {
  it("refuses a second process while the owner lives, and takes over a stale lock", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "guichet-lock-"));
    const owner = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      writeFileSync(path.join(dir, "guichet.lock"), String(owner.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
    } finally {
      owner.kill();
      await new Promise((resolve) => owner.once("exit", resolve));
    }
    const unlock = lockDataDir(dir);
    expect(existsSync(path.join(dir, "guichet.lock"))).toBe(true);
    unlock();
    expect(existsSync(path.join(dir, "guichet.lock"))).toBe(false);
  });
});
