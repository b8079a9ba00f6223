/**
 * The organisation's portal users, managed by its admins (/settings/users): the list with each user's status
 * and last sign-in, invitations by e-mail link, role changes, deactivation and reactivation.
 *
 * Two rules hold under concurrency: the organisation always keeps an active admin (nobody demotes or
 * deactivates the last one), and an admin never deactivates themself. Each change takes the organisation's
 * admin rows with `SELECT … FOR UPDATE` (in id order, so two changes never deadlock) before deciding, so two
 * admins demoting each other at the same moment are decided one after the other and the second is refused
 * (PostgreSQL re-reads a row locked by a committed update and drops it from the result if it no longer
 * matches; https://www.postgresql.org/docs/current/transaction-iso.html#XACT-READ-COMMITTED).
 *
 * A role change or a deactivation ends the user's sessions at once: the `sessionsRevokedAt` stamp that
 * `revokeSessions()` writes (../auth/revoke-sessions.ts; checked on every page and portal request), written
 * here in the same transaction as the change, so a change never lands without it.
 */
import { sendSignInLink } from "../auth/sign-in-link";
import { db, Prisma, type Tx, type User } from "../db";
import { AppError, notFound } from "../http/errors";
import type { InviteUserBody, PortalUser, PortalUserRole, PortalUserStatus } from "./users-schemas";
import { userLabel } from "./users-schemas";

/** Who asks for the change: the signed-in admin. */
export interface UserAdmin {
  userId: string;
  email: string;
}

/** Where an invited user lands after following the link. */
export const INVITE_CALLBACK_PATH = "/labs";

type StatusFields = Pick<User, "deactivatedAt" | "passwordHash" | "emailVerified">;

/**
 * The status the page shows. Invited means the account has no way in yet but the link: no password, an
 * e-mail address no sign-in link has verified, and no sign-in recorded. Anything else not deactivated is active.
 */
export function statusOf(user: StatusFields, lastSignInAt: Date | null): PortalUserStatus {
  if (user.deactivatedAt) return "deactivated";
  if (!user.passwordHash && !user.emailVerified && !lastSignInAt) return "invited";
  return "active";
}

/** The latest sign-in of each of the users, from the audit log (`sign_in` rows with the user as the actor). */
async function lastSignIns(client: Tx | typeof db, organizationId: string, userIds: string[]): Promise<Map<string, Date>> {
  if (userIds.length === 0) return new Map();
  const rows = await client.auditEvent.groupBy({
    by: ["actorId"],
    where: { organizationId, action: "sign_in", actorType: "portal_user", actorId: { in: userIds } },
    _max: { createdAt: true },
  });
  return new Map(rows.flatMap((row) => (row.actorId && row._max.createdAt ? [[row.actorId, row._max.createdAt] as const] : [])));
}

function serialize(user: User, lastSignInAt: Date | null, viewerId: string): PortalUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: statusOf(user, lastSignInAt),
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    isYou: user.id === viewerId,
  };
}

async function view(user: User, viewerId: string): Promise<PortalUser> {
  const signIns = await lastSignIns(db, user.organizationId, [user.id]);
  return serialize(user, signIns.get(user.id) ?? null, viewerId);
}

const STATUS_ORDER: Record<PortalUserStatus, number> = { active: 0, invited: 1, deactivated: 2 };

/** Every portal user of the organisation: active, then invited, then deactivated; by e-mail within each. */
export async function listPortalUsers(organizationId: string, viewerId: string): Promise<PortalUser[]> {
  const users = await db.user.findMany({ where: { organizationId }, orderBy: { email: "asc" } });
  const signIns = await lastSignIns(
    db,
    organizationId,
    users.map((u) => u.id),
  );
  return users.map((u) => serialize(u, signIns.get(u.id) ?? null, viewerId)).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}

/** Another organisation's user, or no user: the same 404, so ids of other organisations reveal nothing. */
async function userOfOrganization(organizationId: string, userId: string): Promise<User> {
  const user = await db.user.findFirst({ where: { id: userId, organizationId } });
  if (!user) throw notFound("User");
  return user;
}

/**
 * Adds a user to the organisation and e-mails them a sign-in link. An e-mail address belongs to one account
 * across Labwise: one already taken elsewhere answers 409 without saying where. If the link cannot be sent, the
 * user is not kept, so the invitation can simply be tried again.
 */
export async function invitePortalUser(organizationId: string, inviter: UserAdmin, input: InviteUserBody): Promise<PortalUser> {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) throw emailTaken(existing, organizationId);
  let user: User;
  try {
    user = await db.user.create({ data: { organizationId, email: input.email, name: input.name ?? null, role: input.role } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken(null, organizationId);
    throw error;
  }
  try {
    await sendInvite(user, inviter);
  } catch (error) {
    await db.user.delete({ where: { id: user.id } }).catch(() => undefined);
    throw error;
  }
  return view(user, inviter.userId);
}

function emailTaken(existing: User | null, organizationId: string): AppError {
  if (existing?.organizationId === organizationId) {
    return new AppError(
      "CONFLICT",
      existing.deactivatedAt
        ? `${existing.email} is already a user of your organisation, deactivated: reactivate them instead`
        : `${existing.email} is already a user of your organisation`,
    );
  }
  return new AppError("CONFLICT", "This e-mail address already has a Labwise account, so it cannot be invited");
}

async function sendInvite(user: User, inviter: UserAdmin) {
  const admin = await db.user.findUnique({ where: { id: inviter.userId }, select: { name: true, email: true } });
  await sendSignInLink({ email: user.email, callbackPath: INVITE_CALLBACK_PATH, reason: "invite", invitedBy: admin?.name ?? inviter.email });
}

/** A new sign-in link for a user who has not signed in yet (the first may have expired or gone astray). */
export async function resendInvite(organizationId: string, inviter: UserAdmin, userId: string): Promise<PortalUser> {
  const user = await userOfOrganization(organizationId, userId);
  const current = await view(user, inviter.userId);
  if (current.status !== "invited") {
    throw new AppError(
      "CONFLICT",
      current.status === "deactivated" ? `${userLabel(user)} is deactivated: reactivate them first` : `${userLabel(user)} has already signed in; they can use the sign-in page`,
    );
  }
  await sendInvite(user, inviter);
  return current;
}

export interface RoleChange {
  user: PortalUser;
  from: PortalUserRole;
  to: PortalUserRole;
}

/**
 * Makes a user an admin or a clinician, and ends their sessions (the role travels in the session). Refused with
 * 409 when it would leave the organisation without an active admin.
 */
export async function changePortalUserRole(organizationId: string, actor: UserAdmin, userId: string, role: PortalUserRole): Promise<RoleChange> {
  const { user, from } = await db.$transaction(async (tx) => {
    const { target, actorIsAdmin } = await lockForChange(tx, organizationId, actor, userId);
    if (target.deactivatedAt) throw new AppError("CONFLICT", `${userLabel(target)} is deactivated: reactivate them before changing their role`);
    if (target.role === role) throw new AppError("CONFLICT", `${userLabel(target)} is already ${role === "admin" ? "an admin" : "a clinician"}`);
    if (role === "clinician") await requireAnotherActiveAdmin(tx, organizationId, actor, target, "demoted");
    requireStillAdmin(actorIsAdmin);
    const updated = await tx.user.update({ where: { id: target.id }, data: { role, sessionsRevokedAt: new Date() } });
    return { user: updated, from: target.role };
  });
  return { user: await view(user, actor.userId), from, to: role };
}

/**
 * Deactivates a user: no sign-in any more, and every open session of theirs ends at once. An admin cannot
 * deactivate themself (they sign out instead) nor the last active admin.
 */
export async function deactivatePortalUser(organizationId: string, actor: UserAdmin, userId: string): Promise<PortalUser> {
  const user = await db.$transaction(async (tx) => {
    const { target, actorIsAdmin } = await lockForChange(tx, organizationId, actor, userId);
    if (target.id === actor.userId) throw new AppError("CONFLICT", "You cannot deactivate your own account. Sign out instead, or ask another admin.");
    if (target.deactivatedAt) throw new AppError("CONFLICT", `${userLabel(target)} is already deactivated`);
    if (target.role === "admin") await requireAnotherActiveAdmin(tx, organizationId, actor, target, "deactivated");
    requireStillAdmin(actorIsAdmin);
    const now = new Date();
    return tx.user.update({ where: { id: target.id }, data: { deactivatedAt: now, sessionsRevokedAt: now } });
  });
  return view(user, actor.userId);
}

/** Lets a deactivated user sign in again. Sessions from before the deactivation stay ended. */
export async function reactivatePortalUser(organizationId: string, actor: UserAdmin, userId: string): Promise<PortalUser> {
  const user = await db.$transaction(async (tx) => {
    const { target, actorIsAdmin } = await lockForChange(tx, organizationId, actor, userId);
    if (!target.deactivatedAt) throw new AppError("CONFLICT", `${userLabel(target)} is not deactivated`);
    requireStillAdmin(actorIsAdmin);
    return tx.user.update({ where: { id: target.id }, data: { deactivatedAt: null } });
  });
  return view(user, actor.userId);
}

/**
 * Locks the organisation's admin rows (id order), then the target's row, and returns the target as it is now
 * and whether the acting admin still is one (another admin may have demoted them since the request came in).
 * Every change takes the locks in this order, so concurrent changes queue instead of deadlocking.
 */
async function lockForChange(tx: Tx, organizationId: string, actor: UserAdmin, userId: string): Promise<{ target: User; actorIsAdmin: boolean }> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM portal_users WHERE organization_id = ${organizationId}::uuid AND role = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE`;
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM portal_users WHERE id = ${userId}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound("User");
  const target = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  return { target, actorIsAdmin: admins.some((admin) => admin.id === actor.userId) };
}

/** Checked after the last-admin rule, so that of two admins demoting each other the second hears the 409. */
function requireStillAdmin(actorIsAdmin: boolean) {
  if (!actorIsAdmin) throw new AppError("FORBIDDEN", "You are no longer an admin of this organisation");
}

/**
 * Refuses (409) a change that would take away the organisation's last active admin. Active means not deactivated
 * and not merely invited: an invited admin counts once they have signed in. The acting admin is signed in, so
 * they count as active even when no sign-in of theirs is on record.
 */
async function requireAnotherActiveAdmin(tx: Tx, organizationId: string, actor: UserAdmin, target: User, change: "demoted" | "deactivated") {
  const others = await tx.user.findMany({
    where: { organizationId, role: "admin", deactivatedAt: null, id: { not: target.id } },
    select: { id: true, deactivatedAt: true, passwordHash: true, emailVerified: true },
  });
  const signIns = await lastSignIns(
    tx,
    organizationId,
    others.map((u) => u.id),
  );
  if (others.some((u) => u.id === actor.userId || statusOf(u, signIns.get(u.id) ?? null) === "active")) return;
  const invited = others.length > 0 ? " An invited admin counts once they have signed in." : "";
  throw new AppError(
    "CONFLICT",
    `${userLabel(target)} is the organisation's last active admin and cannot be ${change}. Make another user an admin first.${invited}`,
  );
}
