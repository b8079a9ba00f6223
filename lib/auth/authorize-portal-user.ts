/**
 * Checks a portal sign-in (what Auth.js's credentials `authorize` calls), free of Auth.js so it can be tested
 * against the database. Attempts are throttled per account and per client address (./sign-in-throttle.ts),
 * and an unknown e-mail costs the same scrypt as a wrong password, so neither the answer nor its timing tells
 * whether an account exists (OWASP Authentication Cheat Sheet, "Authentication responses"). A wrong password
 * or a throttled attempt for an existing account is written to its organisation's audit log
 * (./sign-in-audit.ts); whether a deactivated user may sign in is the signIn callback's decision (./auth-config.ts).
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../http/errors";
import { verifyPassword, verifyPasswordForNoAccount } from "./passwords";
import { recordSignInRefused, recordSignInRefusedFor } from "./sign-in-audit";
import { admitSignInAttempt, clientAddress, recordSignInSuccess } from "./sign-in-throttle";

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

/**
 * The portal user for an e-mail and password, or null: the same answer, in about the same time, for an
 * unknown e-mail and a wrong password. Throws AppError RATE_LIMITED while the account or the client address
 * (from `request`, as Auth.js passes it to `authorize`) is locked.
 */
export async function authorizePortalUser(input: unknown, request?: Request) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const attempt = { email: parsed.data.email, address: request ? clientAddress(request.headers) : null };
  if (!(await admitSignInAttempt(attempt))) {
    // Not awaited: an answer that waits for the audit row only when the account exists would time-tell that it does.
    void recordSignInRefusedFor(parsed.data.email, "password", "throttled");
    throw new AppError("RATE_LIMITED", "Too many sign-in attempts for this account or from this address; try again later");
  }
  const user = await db.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
  const matches = user?.passwordHash
    ? await verifyPassword(parsed.data.password, user.passwordHash)
    : await verifyPasswordForNoAccount(parsed.data.password);
  if (!user || !matches) {
    if (user) void recordSignInRefused(user, "password", "wrong_password");
    return null;
  }
  await recordSignInSuccess(attempt);
  return { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role };
}
