/**
 * When a portal session stops counting. Sessions are Auth.js JWTs in a cookie (Credentials sign-in needs the
 * JWT strategy), so nothing on the server can delete one: instead every reader of a session — the pages
 * (./portal.ts) and the portal API (./portal-session.ts) — checks it against the user's row here.
 *
 * - A session lasts SESSION_MAX_AGE_SECONDS from sign-in, however busy: Auth.js slides a JWT's expiry on each
 *   refresh, so the sign-in time is carried in the token (`signedInAt`) and enforced as an absolute limit
 *   (OWASP Session Management Cheat Sheet, "Absolute Timeout").
 * - `sessionsRevokedAt` on the user ("sign out everywhere", a role change, deactivation) ends every session
 *   that started before it.
 * - A deactivated user has no session at all.
 */

/** Eight hours: a clinical working day, after which the portal asks for sign-in again. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export interface SessionClaims {
  /** Milliseconds since the epoch when the user signed in; set by the jwt callback at sign-in. */
  signedInAt?: unknown;
  /** JWT issued-at, in seconds: stands in for `signedInAt` in tokens minted without it. */
  iat?: unknown;
}

export interface SessionUserState {
  deactivatedAt: Date | null;
  sessionsRevokedAt: Date | null;
}

/** When the session began, in milliseconds, or null when the token says nothing usable. */
export function sessionStartedAt(claims: SessionClaims): number | null {
  if (typeof claims.signedInAt === "number" && Number.isFinite(claims.signedInAt)) return claims.signedInAt;
  if (typeof claims.iat === "number" && Number.isFinite(claims.iat)) return claims.iat * 1000;
  return null;
}

/** Whether a session of this user, with these claims, still counts at `now`. */
export function isSessionCurrent(claims: SessionClaims, user: SessionUserState, now = Date.now()): boolean {
  const startedAt = sessionStartedAt(claims);
  if (startedAt === null || user.deactivatedAt) return false;
  if (now - startedAt > SESSION_MAX_AGE_SECONDS * 1000) return false;
  return !user.sessionsRevokedAt || startedAt >= user.sessionsRevokedAt.getTime();
}
