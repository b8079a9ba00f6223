/**
 * Portal sign-in (Auth.js v5, configured in ./auth-config.ts): e-mail and password, a mailed sign-in link, and
 * OpenID Connect single sign-on when configured; JWT sessions carrying the user's organisation and role.
 * Here it meets Next.js: the request's client address comes from `next/headers`, and the pages' guards below
 * read the session.
 */
import NextAuth, { type DefaultSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { db } from "../db";
import { authConfig } from "./auth-config";
import { PAGE_PATH_HEADER, signInPathFor } from "./callback-path";
import { isSessionCurrent } from "./session-validity";
import { clientAddress } from "./sign-in-throttle";

export { SignInRateLimited } from "./errors";

declare module "next-auth" {
  interface Session {
    user: { id: string; organizationId: string; role: "admin" | "clinician" } & DefaultSession["user"];
    /** When the user signed in (ms since the epoch): sessions begun before a revocation no longer count. */
    signedInAt?: number;
  }
  interface User {
    organizationId?: string;
    role?: "admin" | "clinician";
  }
}

/** The client address of the request being handled; null outside a request (e.g. at build time). */
async function requestAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null;
  }
}

// Configured per request, so the environment (OIDC_*, EMAIL_*) is read when the server runs, not when it is built.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig({ requestAddress }));

/**
 * The signed-in portal user, or a redirect to sign-in that comes back to this page afterwards. Every portal
 * page calls it itself: a layout's check does not guard its pages, which App Router renders in parallel with
 * it. The user is read again from the database, so a deleted account is signed out at once and a changed
 * role applies at once.
 */
export async function requirePortalUser() {
  const user = await optionalPortalUser();
  if (!user) redirect(signInPathFor((await headers()).get(PAGE_PATH_HEADER)));
  return user;
}

/**
 * The signed-in admin, for the admin pages (/settings/*, /coach): a clinician gets the 403 page, a signed-out
 * visitor the sign-in page. The API behind those pages checks the role again (`route({ role: "admin" })`).
 */
export async function requirePortalAdmin() {
  const user = await requirePortalUser();
  if (user.role !== "admin") forbidden();
  return user;
}

/**
 * The signed-in portal user, or null: for public pages that show the frame either way (/docs, the 404).
 * A session of a deactivated user, one older than 8 hours, or one begun before the user's sessions were
 * revoked counts as none (./session-validity.ts).
 */
export async function optionalPortalUser() {
  const session = await auth();
  if (!session?.user?.id) return null;
  const user = await db.user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, organizationId: true, role: true, deactivatedAt: true, sessionsRevokedAt: true },
  });
  if (!user || !isSessionCurrent({ signedInAt: session.signedInAt }, user)) return null;
  return { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role };
}
