// Helpers the bench scripts share: the CLI run as a child process, its environment, and CPU time from /proc.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

const BENCH_AUDIT_KEY = randomBytes(32).toString("base64url");

/** The environment with overrides; an undefined value removes the variable. */
export function envWith(overrides) {
  // A bench-only audit key: outside demo mode the CLI and the server refuse to start without one (ADR 020).
  const env = { AUDIT_HMAC_KEY: BENCH_AUDIT_KEY, ...process.env, ...overrides };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

/** Runs `guichet <args>` and returns its standard output; throws with its standard error on failure. */
export function guichet(args, env) {
  const result = spawnSync(process.execPath, ["bin/guichet.mjs", ...args], { env: envWith(env), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`guichet ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** CPU time (ms) a process has used, from /proc (Linux); null when it is gone or elsewhere. */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms
  } catch {
    return null;
  }
}
