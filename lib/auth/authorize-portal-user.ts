/**
 * Checks a portal sign-in (what Auth.js's credentials `authorize` calls), free of Auth.js so it can be tested
 * against the database. Attempts are throttled per account and per client address (./sign-in-throttle.ts),
 * and an unknown e-mail costs the same scrypt as a wrong password, so neither the answer nor its timing tells
 * whether an account exists (OWASP Authentication Cheat Sheet, "Authentication responses").
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../http/errors";
import { verifyPassword, verifyPasswordForNoAccount } from "./passwords";
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
    throw new AppError("RATE_LIMITED", "Too many sign-in attempts for this account or from this address; try again later");
  }
  const user = await db.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
  const matches = user?.passwordHash
    ? await verifyPassword(parsed.data.password, user.passwordHash)
    : await verifyPasswordForNoAccount(parsed.data.password);
  if (!user || !matches) return null;
  await recordSignInSuccess(attempt);
  return { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role };
}
