/**
 * Ends every session a portal user has, on every device: sessions are JWTs nobody can recall, so the user's
 * row remembers the moment and every reader refuses a session that began before it (./session-validity.ts).
 * Used by "Sign out everywhere", and by the users page on deactivation and role changes.
 */
import { db } from "../db";

export async function revokeSessions(userId: string, now = new Date()): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionsRevokedAt: now } });
}
