"use server";
import { recordPortalPhiAccess } from "@/lib/audit";
import { requirePortalUser, signOut } from "@/lib/auth/portal";
import { revokeSessions } from "@/lib/auth/revoke-sessions";

/** The frame's "Sign out" button. */
export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}

/**
 * "Sign out everywhere" (/account): ends every session of the signed-in user — other browsers and devices
 * at their next request, this one now — and records it in the audit log.
 */
export async function signOutEverywhereAction() {
  const user = await requirePortalUser();
  await revokeSessions(user.id);
  await recordPortalPhiAccess(user, { action: "revoke_sessions", resourceType: "portal_user", resourceId: user.id, detail: { by: "self" } });
  await signOut({ redirectTo: "/sign-in?signedOut=everywhere" });
}
