/**
 * Sign-ins in the audit log: each one (`sign_in`) and each refusal (`sign_in_refused`) of a known portal user,
 * with how they signed in. A refusal for an e-mail without an account is not recorded: it belongs to no
 * organisation, and its row would tell an organisation's admins which addresses strangers tried.
 */
import { recordPortalPhiAccess } from "../audit";
import { db } from "../db";
import { log } from "../log";

export type SignInMethod = "password" | "email_link" | "oidc";
export type SignInRefusal = "wrong_password" | "throttled" | "deactivated" | "email_unverified";

/** The method an Auth.js provider id stands for. */
export function signInMethodOf(providerId: string | undefined): SignInMethod {
  if (providerId === "credentials") return "password";
  if (providerId === "email") return "email_link";
  return "oidc";
}

interface KnownUser {
  id: string;
  organizationId: string;
}

export function recordSignIn(user: KnownUser, method: SignInMethod): Promise<void> {
  return recordPortalPhiAccess(user, { action: "sign_in", resourceType: "portal_user", resourceId: user.id, detail: { method } });
}

export function recordSignInRefused(user: KnownUser, method: SignInMethod, reason: SignInRefusal): Promise<void> {
  return recordPortalPhiAccess(user, { action: "sign_in_refused", resourceType: "portal_user", resourceId: user.id, detail: { method, reason } });
}

/**
 * A refusal known only by the e-mail typed: recorded when a user has that e-mail, silently skipped otherwise.
 * Never rejects (a failure is logged), so a caller may leave it unawaited.
 */
export async function recordSignInRefusedFor(email: string, method: SignInMethod, reason: SignInRefusal): Promise<void> {
  try {
    const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, organizationId: true } });
    if (user) await recordSignInRefused(user, method, reason);
  } catch (error) {
    log.error({ component: "audit", err: error, method, reason }, "could not record a refused sign-in");
  }
}
