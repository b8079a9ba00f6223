/**
 * Sign-in links ("magic links"): one-time URLs that sign a portal user in through Auth.js's own e-mail
 * callback (`/api/auth/callback/email`). The sign-in page asks Auth.js for one (./portal.ts, its e-mail
 * provider, which sends through `deliverSignInLink`); the users page invites a teammate with
 * `sendSignInLink`, which mints the same link outside a sign-in request.
 *
 * A link is minted exactly as @auth/core's `sendToken` does (lib/actions/signin/send-token.js): 32 random
 * bytes as hex, stored only as the SHA-256 hex of `${token}${secret}` in `auth_verification_tokens` with the
 * e-mail as identifier, and the URL `${base}/api/auth/callback/email?callbackUrl=…&token=…&email=…`. Auth.js's
 * callback (lib/actions/callback/index.js) hashes the token the same way, consumes the row once, and refuses
 * an expired one with its `Verification` error.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { config } from "../config";
import { db } from "../db";
import { sendMail } from "../mail";
import { safeCallbackPath } from "./callback-path";
import { signInMail } from "./sign-in-mail";

/** The id of the Auth.js e-mail provider, and the last segment of the link's callback path. */
export const EMAIL_PROVIDER_ID = "email";
/** A link asked for on the sign-in page works for 15 minutes: long enough to reach the inbox, short for a thief. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 15 * 60;
/**
 * An invitation's link works for 24 hours: the invitee may not read mail at once. Once it expires they ask for
 * a fresh sign-in link on the sign-in page, since the account already exists.
 */
export const INVITE_LINK_MAX_AGE_SECONDS = 24 * 60 * 60;

/** Auth.js's e-mail normalisation (send-token.js `defaultNormalizer`): NFKC, lower case, trimmed; null when not an address. */
export function normalizeEmail(value: string): string | null {
  const email = value.normalize("NFKC").trim().toLowerCase();
  if (email.includes('"') || email.split("@").length !== 2) return null;
  return z.email().safeParse(email).success ? email : null;
}

/** What the database keeps of a link's token: never the token itself. */
export function hashVerificationToken(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

/** The portal's public origin as Auth.js sees it: AUTH_URL (the run command sets it), else PUBLIC_BASE_URL. */
function authBaseUrl(): string {
  return process.env.AUTH_URL || config().PUBLIC_BASE_URL;
}

/** The link itself, in Auth.js's shape; `callbackPath` is where the user lands (a portal page, else /labs). */
export function signInLinkUrl(input: { baseUrl: string; token: string; email: string; callbackPath?: string }): string {
  const base = new URL(input.baseUrl);
  const callbackUrl = new URL(safeCallbackPath(input.callbackPath ?? "/labs"), base).toString();
  const url = new URL(`/api/auth/callback/${EMAIL_PROVIDER_ID}`, base);
  url.search = new URLSearchParams({ callbackUrl, token: input.token, email: input.email }).toString();
  return url.toString();
}

/**
 * Mails a sign-in link to an active portal user: `reason: "sign_in"` for one asked for, `"invite"` for a
 * new teammate (the mail says who invited them — `invitedBy`, a name or e-mail shown as given — to which
 * organisation and as what). An unknown or deactivated e-mail gets nothing and `{ sent: false }`; the caller
 * decides what to show, and must not show the difference to an anonymous visitor.
 */
export async function sendSignInLink(input: {
  email: string;
  callbackPath?: string;
  reason: "sign_in" | "invite";
  invitedBy?: string | null;
}): Promise<{ sent: boolean }> {
  const email = normalizeEmail(input.email);
  if (!email) return { sent: false };
  const user = await db.user.findUnique({
    where: { email },
    select: { role: true, deactivatedAt: true, organization: { select: { name: true } } },
  });
  if (!user || user.deactivatedAt) return { sent: false };
  const maxAge = input.reason === "invite" ? INVITE_LINK_MAX_AGE_SECONDS : SIGN_IN_LINK_MAX_AGE_SECONDS;
  const token = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + maxAge * 1000);
  await db.verificationToken.create({ data: { identifier: email, token: hashVerificationToken(token, config().AUTH_SECRET), expires } });
  const url = signInLinkUrl({ baseUrl: authBaseUrl(), token, email, callbackPath: input.callbackPath });
  await pruneExpiredSignInLinks();
  await sendMail(
    signInMail({ to: email, url, expires, reason: input.reason, invitedBy: input.invitedBy, organizationName: user.organization.name, role: user.role }),
  );
  return { sent: true };
}

/** Auth.js's `sendVerificationRequest` for the sign-in page's link: the token is already minted and stored. */
export async function deliverSignInLink(input: { email: string; url: string; expires: Date }): Promise<void> {
  await pruneExpiredSignInLinks();
  await sendMail(signInMail({ to: input.email, url: input.url, expires: input.expires, reason: "sign_in" }));
}

const PRUNE_EVERY_MS = 10 * 60_000;
let lastPrune = 0;

/**
 * Forgets links that can no longer be used, at most once per PRUNE_EVERY_MS per process: Auth.js deletes a
 * link when it is used, never one that expired unused.
 */
export async function pruneExpiredSignInLinks(now = new Date()): Promise<void> {
  if (now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now.getTime();
  await db.verificationToken.deleteMany({ where: { expires: { lt: now } } });
}
