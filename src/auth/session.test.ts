import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { requireUser } from "../acces/guards.server";
import { readSession } from "../acces/read-session.server";
import { config, setConfig } from "../platform/config.server";
import { requestWithSession, sessionOf } from "../test/auth-support";
import { createTestUser } from "../test/factories";
import { createSession } from "./session.server";

const original = { ...config() };
/** Close to the real clock: far-off fake dates make timers elsewhere overflow. */
const START = Date.now();
const minutes = (n: number) => n * 60_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
  setConfig(original);
});

async function openSession() {
  const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
  const { token } = await createSession(userId, true);
  return { userId, token, read: () => readSession(requestWithSession(token, "/")) };
}

describe("sessions", () => {
  it("end after SESSION_IDLE_MINUTES (30 by default) without activity", async () => {
    expect(config().SESSION_IDLE_MINUTES).toBe(30);
    const { token, read } = await openSession();
    vi.setSystemTime(START + minutes(31));
    expect(await read()).toBeNull();
    expect(await sessionOf(token), "an idle session is deleted").toBeNull();
  });

  it("stay alive while used: each request pushes the idle limit back", async () => {
    const { read } = await openSession();
    for (const at of [20, 40, 60, 80]) {
      vi.setSystemTime(START + minutes(at));
      expect(await read(), `alive at ${at} min`).not.toBeNull();
    }
    vi.setSystemTime(START + minutes(80 + 31));
    expect(await read()).toBeNull();
  });

  it("end at SESSION_MAX_HOURS even when used all along", async () => {
    setConfig({ SESSION_MAX_HOURS: 1 });
    const { read } = await openSession();
    for (const at of [20, 40, 59]) {
      vi.setSystemTime(START + minutes(at));
      expect(await read(), `alive at ${at} min`).not.toBeNull();
    }
    vi.setSystemTime(START + minutes(60));
    expect(await read()).toBeNull();
  });

  it("send the user back to the login page once expired", async () => {
    const { token } = await openSession();
    vi.setSystemTime(START + minutes(31));
    const thrown = await requireUser(requestWithSession(token, "/structures")).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("location")).toBe("/connexion?redirectTo=%2Fstructures");
  });
});
