/**
 * The portal's own endpoints (`/api/portal/*`) authenticate the browser's Auth.js session cookie, read
 * straight off the request (no Next request scope needed, so route tests call them like any route). The
 * user is looked up on every call: a deleted or deactivated user, a changed role or revoked sessions take
 * effect at once, not when the 8-hour session ends (./session-validity.ts). Writes must come from the
 * portal's own pages: the session cookie is SameSite=Lax, and a state-changing request whose `Origin` or
 * `Sec-Fetch-Site` says it came from another site is refused (OWASP CSRF Prevention Cheat Sheet, "Verifying Origin with standard headers", "Fetch Metadata").
 */
import { getToken } from "next-auth/jwt";
import { config } from "../config";
import { db, type PortalRole } from "../db";
import { AppError } from "../http/errors";
import { isSessionCurrent, type SessionClaims } from "./session-validity";

export interface PortalPrincipal {
  kind: "portalUser";
  organizationId: string;
  userId: string;
  email: string;
  role: PortalRole;
}

/** Auth.js's session cookie: `__Secure-` prefixed when the portal is served over https. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function authenticatePortalSession(request: Request): Promise<PortalPrincipal> {
  if (!SAFE_METHODS.has(request.method)) requireSameOrigin(request);
  const claims = await sessionClaims(request.headers.get("cookie") ?? "");
  if (!claims) throw new AppError("UNAUTHENTICATED", "Sign in to the portal first");
  const user = await db.user.findUnique({
    where: { id: claims.sub },
    select: { id: true, organizationId: true, email: true, role: true, deactivatedAt: true, sessionsRevokedAt: true },
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "This session's user no longer exists; sign in again");
  if (!isSessionCurrent(claims, user)) throw new AppError("UNAUTHENTICATED", "This session has ended; sign in again");
  return { kind: "portalUser", organizationId: user.organizationId, userId: user.id, email: user.email, role: user.role };
}

/** The session cookie's claims, or null when there is none or it does not decrypt. */
async function sessionClaims(cookie: string): Promise<(SessionClaims & { sub: string }) | null> {
  for (const cookieName of SESSION_COOKIES) {
    if (!cookie.includes(cookieName)) continue;
    // Only the cookie is handed over: getToken would otherwise also accept the token as a Bearer header.
    const token = await getToken({
      req: { headers: { cookie } },
      secret: config().AUTH_SECRET,
      cookieName,
      salt: cookieName,
      secureCookie: cookieName.startsWith("__Secure-"),
    });
    if (typeof token?.sub === "string") return { ...token, sub: token.sub };
  }
  return null;
}

function requireSameOrigin(request: Request) {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("FORBIDDEN", "Cross-site requests to the portal are refused");
  const origin = request.headers.get("origin");
  if (origin && !allowedOrigins(request).has(origin)) throw new AppError("FORBIDDEN", "Cross-site requests to the portal are refused");
}

function allowedOrigins(request: Request): Set<string> {
  return new Set([new URL(request.url).origin, new URL(config().PUBLIC_BASE_URL).origin]);
}
