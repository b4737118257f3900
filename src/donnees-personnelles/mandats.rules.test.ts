import { describe, expect, it } from "vitest";
import {
  dueForExpiryWarning,
  isRenewable,
  mandatEnd,
  mandatStatus,
  validUntil,
  verificationResult,
} from "./mandats.rules";

const base = { signedOn: "2026-03-10", expiresOn: "2027-03-09", endedAt: null, revokedAt: null };

describe("mandate rules (« mandat type »)", () => {
  it("is valid one year, the signature day counted, including on 29 February", () => {
    expect(validUntil("2026-03-10")).toBe("2027-03-09");
    expect(validUntil("2028-02-29")).toBe("2029-02-28");
    expect(validUntil("2026-01-01")).toBe("2026-12-31");
  });

  it("renews a signed mandate valid or expired; an ended one only once a démarche it covers has reopened (issue 12)", () => {
    expect(isRenewable("valide", "2026-03-10", false)).toBe(true);
    expect(isRenewable("expire", "2026-03-10", false)).toBe(true);
    expect(isRenewable("termine", "2026-03-10", false)).toBe(false);
    expect(isRenewable("termine", "2026-03-10", true)).toBe(true);
    expect(isRenewable("revoque", "2026-03-10", true)).toBe(false);
    expect(isRenewable("en_attente_signature", null, true)).toBe(false);
    expect(isRenewable("termine", null, true)).toBe(false);
  });

  it("computes the status from the facts: pending, valid, expired, ended, revoked", () => {
    expect(mandatStatus({ ...base, signedOn: null }, "2026-03-10")).toBe("en_attente_signature");
    expect(mandatStatus(base, "2027-03-09")).toBe("valide");
    expect(mandatStatus(base, "2027-03-10")).toBe("expire");
    expect(mandatStatus({ ...base, endedAt: new Date("2026-06-01T10:00:00Z") }, "2026-06-02")).toBe("termine");
    expect(mandatStatus({ ...base, endedAt: new Date(), revokedAt: new Date() }, "2026-06-02")).toBe("revoque");
  });

  it("answers the public check with valid, revoked or expired (done démarches count as expired)", () => {
    expect(verificationResult("valide")).toBe("valide");
    expect(verificationResult("revoque")).toBe("revoque");
    expect(verificationResult("termine")).toBe("expire");
    expect(verificationResult("expire")).toBe("expire");
  });

  it("knows when a mandate ended: the earliest of revocation, completion and expiry", () => {
    expect(mandatEnd(base, "2026-06-01")).toBeNull();
    expect(mandatEnd(base, "2027-03-10")?.toISOString()).toBe("2027-03-10T00:00:00.000Z");
    const revoked = new Date("2026-05-01T09:00:00Z");
    expect(mandatEnd({ ...base, revokedAt: revoked }, "2027-06-01")).toEqual(revoked);
  });

  it("warns 30 days before expiry, once", () => {
    expect(dueForExpiryWarning({ ...base, expiryWarnedAt: null }, "2027-02-06")).toBe(false);
    expect(dueForExpiryWarning({ ...base, expiryWarnedAt: null }, "2027-02-07")).toBe(true);
    expect(dueForExpiryWarning({ ...base, expiryWarnedAt: new Date() }, "2027-02-07")).toBe(false);
    expect(dueForExpiryWarning({ ...base, signedOn: null, expiryWarnedAt: null }, "2027-02-07")).toBe(false);
  });
});
