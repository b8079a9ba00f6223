/**
 * The contract between the portal's /settings/users page and its endpoints (`/api/portal/settings/users/*`):
 * camelCase like the rest of the portal. Pure zod, so client components import the types without reaching the
 * server's modules.
 */
import { z } from "zod";

export const PORTAL_ROLES = ["clinician", "admin"] as const;
export type PortalUserRole = (typeof PORTAL_ROLES)[number];

/**
 * - `deactivated`: an admin deactivated the account; it cannot sign in until reactivated.
 * - `invited`: added by an invitation and never signed in — no password, an e-mail address no sign-in link has
 *   verified yet, and no sign-in in the audit log.
 * - `active`: everyone else (signed in at least once, or given a password by an operator).
 */
export const PORTAL_USER_STATUSES = ["active", "invited", "deactivated"] as const;
export type PortalUserStatus = (typeof PORTAL_USER_STATUSES)[number];

export const portalUserIdParams = z.object({ user_id: z.uuid() });

/** Names are optional; an empty one is no name. */
const optionalName = z
  .string()
  .trim()
  .max(120)
  .optional()
  .transform((name) => name || undefined);

export const inviteUserBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  name: optionalName,
  role: z.enum(PORTAL_ROLES),
});
export type InviteUserBody = z.infer<typeof inviteUserBody>;

export const changeRoleBody = z.object({ role: z.enum(PORTAL_ROLES) });
export type ChangeRoleBody = z.infer<typeof changeRoleBody>;

export interface PortalUser {
  id: string;
  email: string;
  name: string | null;
  role: PortalUserRole;
  status: PortalUserStatus;
  /** The latest `sign_in` row of the audit log for this user, if any. */
  lastSignInAt: string | null;
  deactivatedAt: string | null;
  createdAt: string;
  /** The admin looking at the list. */
  isYou: boolean;
}

/** What a user is called on the page and in confirmations: their name and e-mail, or the e-mail alone. */
export function userLabel(user: Pick<PortalUser, "name" | "email">): string {
  return user.name ? `${user.name} (${user.email})` : user.email;
}
