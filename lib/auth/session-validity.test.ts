import { describe, expect, it } from "vitest";
import { isSessionCurrent, SESSION_MAX_AGE_SECONDS, sessionStartedAt } from "./session-validity";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const active = { deactivatedAt: null, sessionsRevokedAt: null };

describe("session validity", () => {
  it("takes the sign-in time from signedInAt, else from the JWT's iat", () => {
    expect(sessionStartedAt({ signedInAt: NOW, iat: 1 })).toBe(NOW);
    expect(sessionStartedAt({ iat: NOW / 1000 })).toBe(NOW);
    expect(sessionStartedAt({})).toBeNull();
  });

  it("keeps a session for 8 hours from sign-in, not a moment longer", () => {
    expect(isSessionCurrent({ signedInAt: NOW - SESSION_MAX_AGE_SECONDS * 1000 }, active, NOW)).toBe(true);
    expect(isSessionCurrent({ signedInAt: NOW - SESSION_MAX_AGE_SECONDS * 1000 - 1 }, active, NOW)).toBe(false);
  });

  it("ends sessions begun before the user's sessions were revoked, not those begun after", () => {
    const revoked = { deactivatedAt: null, sessionsRevokedAt: new Date(NOW - 60_000) };
    expect(isSessionCurrent({ signedInAt: NOW - 120_000 }, revoked, NOW)).toBe(false);
    expect(isSessionCurrent({ signedInAt: NOW - 30_000 }, revoked, NOW)).toBe(true);
  });

  it("ends every session of a deactivated user, and a token with no time in it", () => {
    expect(isSessionCurrent({ signedInAt: NOW }, { deactivatedAt: new Date(NOW - 1), sessionsRevokedAt: null }, NOW)).toBe(false);
    expect(isSessionCurrent({}, active, NOW)).toBe(false);
  });
});
