import { describe, expect, it } from "vitest";
import { canPost, saisineState, type ThreadMessage } from "./status";

const G1 = "group-1";
const G2 = "group-2";
let minute = 0;
function m(
  side: ThreadMessage["side"],
  type: ThreadMessage["type"],
  extra: Partial<ThreadMessage> = {},
): ThreadMessage {
  minute += 1;
  return { side, type, at: new Date(Date.UTC(2026, 10, 2, 9, minute)), ...extra };
}

describe("saisineState", () => {
  it("is nouvelle, awaiting the group, with the first question only or no message", () => {
    for (const thread of [[], [m("agent", "question")]]) {
      const state = saisineState(G1, thread);
      expect(state).toMatchObject({
        status: "nouvelle",
        awaiting: "referent",
        groupId: G1,
        firstAnsweredAt: null,
        reroutes: 0,
        reopenings: 0,
      });
    }
  });

  it("goes through taking, complement asked and given, resolution proposed, closure", () => {
    const take = m("referent", "prise_en_charge");
    const thread = [m("agent", "question"), take];
    expect(saisineState(G1, thread)).toMatchObject({
      status: "prise_en_charge",
      awaiting: "referent",
      firstAnsweredAt: take.at,
    });
    thread.push(m("referent", "demande_complement"));
    expect(saisineState(G1, thread)).toMatchObject({
      status: "complement_demande",
      awaiting: "agent",
      firstAnsweredAt: take.at,
    });
    thread.push(m("agent", "reponse"));
    expect(saisineState(G1, thread)).toMatchObject({ status: "prise_en_charge", awaiting: "referent" });
    thread.push(m("referent", "resolution_proposee"));
    expect(saisineState(G1, thread)).toMatchObject({ status: "resolution_proposee", awaiting: "agent" });
    const close = m("agent", "cloture", { usefulness: "utile" });
    thread.push(close);
    expect(saisineState(G1, thread)).toMatchObject({
      status: "close",
      awaiting: null,
      closedAt: close.at,
      usefulness: "utile",
      reopenings: 0,
    });
  });

  it("a plain answer awaits the agent; a follow-up question goes back to the group that took it", () => {
    const thread = [m("agent", "question"), m("referent", "reponse")];
    expect(saisineState(G1, thread)).toMatchObject({ status: "repondue", awaiting: "agent" });
    thread.push(m("agent", "question"));
    expect(saisineState(G1, thread)).toMatchObject({ status: "prise_en_charge", awaiting: "referent" });
  });

  it("re-routing addresses the next group, counts, and does not count as a first answer", () => {
    const thread = [m("agent", "question"), m("referent", "mauvais_interlocuteur", { targetGroupId: G2 })];
    expect(saisineState(G1, thread)).toMatchObject({
      status: "nouvelle",
      groupId: G2,
      reroutes: 1,
      firstAnsweredAt: null,
      taken: false,
    });
    thread.push(m("agent", "question"));
    expect(saisineState(G1, thread)).toMatchObject({ status: "nouvelle", groupId: G2 });
    const take = m("referent", "prise_en_charge");
    thread.push(take, m("referent", "mauvais_interlocuteur", { targetGroupId: G1 }));
    expect(saisineState(G1, thread)).toMatchObject({
      status: "nouvelle",
      groupId: G1,
      reroutes: 2,
      firstAnsweredAt: take.at,
      taken: false,
    });
  });

  it("a new message after a closure reopens it, from either side; closing again counts once", () => {
    const thread = [
      m("agent", "question"),
      m("referent", "reponse"),
      m("agent", "cloture", { usefulness: "pas_utile" }),
    ];
    thread.push(m("agent", "question"));
    expect(saisineState(G1, thread)).toMatchObject({
      status: "prise_en_charge",
      awaiting: "referent",
      reopenings: 1,
      closedAt: null,
      usefulness: null,
    });
    thread.push(m("agent", "cloture", { usefulness: "ne_sait_pas" }), m("agent", "cloture", { usefulness: "utile" }));
    expect(saisineState(G1, thread)).toMatchObject({ status: "close", usefulness: "ne_sait_pas", reopenings: 1 });
    thread.push(m("referent", "demande_complement"));
    expect(saisineState(G1, thread)).toMatchObject({ status: "complement_demande", awaiting: "agent", reopenings: 2 });
  });

  it("an agent may close a saisine never answered (resolved otherwise)", () => {
    expect(
      saisineState(G1, [m("agent", "question"), m("agent", "cloture", { usefulness: "pas_utile" })]),
    ).toMatchObject({ status: "close", firstAnsweredAt: null });
  });
});

describe("closure by the retention job", () => {
  it("closes without a rating, and only a closure is possible on that side", () => {
    expect(saisineState(G1, [m("agent", "question"), m("systeme", "cloture")])).toMatchObject({
      status: "close",
      usefulness: null,
    });
    expect(canPost("systeme", "cloture")).toBe(true);
    expect(canPost("systeme", "reponse")).toBe(false);
  });
});

describe("canPost", () => {
  it("gives each side its message types", () => {
    expect(canPost("agent", "cloture")).toBe(true);
    expect(canPost("agent", "prise_en_charge")).toBe(false);
    expect(canPost("agent", "mauvais_interlocuteur")).toBe(false);
    expect(canPost("referent", "cloture")).toBe(false);
    expect(canPost("referent", "question")).toBe(false);
    expect(canPost("referent", "resolution_proposee")).toBe(true);
    expect(canPost("agent", "reponse") && canPost("referent", "reponse")).toBe(true);
  });
});
