import { describe, expect, it } from "vitest";
import { readSessionState } from "../../src/acces/guards.server";
import { SESSION_COOKIE } from "../../src/acces/read-session.server";
import { createSession } from "../../src/auth/session.server";
import { anonymousRequest, createTestStructure, createTestUser, formBody } from "../../src/test/factories";
import { action } from "./structure-courante";

async function post(cookie: string, structureId: string) {
  const request = anonymousRequest("/structure-courante", {
    method: "POST",
    body: formBody({ structureId }),
    headers: {
      cookie,
      "content-type": "application/x-www-form-urlencoded",
      referer: "http://localhost:3000/structures",
    },
  });
  try {
    return await action({ request, params: {}, context: { cspNonce: "" } } as never);
  } catch (error) {
    return error as unknown;
  }
}

describe("switching the current structure", () => {
  it("lets a user with several structures switch between them, and only between them", async () => {
    const first = await createTestStructure();
    const second = await createTestStructure();
    const foreign = await createTestStructure();
    const { userId } = await createTestUser([
      { role: "agent", structureId: first },
      { role: "agent", structureId: second },
    ]);
    const { token } = await createSession(userId, true);
    const cookie = `${SESSION_COOKIE}=${token}`;
    const current = async () => {
      const state = await readSessionState(anonymousRequest("/", { headers: { cookie } }));
      return state.kind === "authenticated" ? state.actor.currentStructureId : null;
    };
    expect([first, second]).toContain(await current());

    const switched = (await post(cookie, second)) as Response;
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe("/structures");
    expect(await current()).toBe(second);

    const refused = (await post(cookie, foreign)) as { init: { status: number } };
    expect(refused.init.status).toBe(403);
    expect(await current()).toBe(second);
  });
});
