/**
 * The portal sign-in throttle: failed attempts counted per account (`email:<address>`) and per client address
 * (`ip:<address>`) in the `sign_in_throttles` table, so every replica sees the same counts. Past the limit a
 * key is locked for a while and sign-in answers "too many attempts" without checking the password — the same
 * answer whether or not the account exists, since the account key is the e-mail as typed, not a user id
 * (OWASP Authentication Cheat Sheet, "Protect against automated attacks"; ASVS 4.0 V2.2.1).
 *
 * An attempt is counted before its password is checked, in one atomic statement per key, so parallel guesses
 * cannot all slip in under the limit; a success then takes its count back.
 */
import { isIP } from "node:net";
import { db } from "../db";

export interface ThrottleRule {
  /** Attempts allowed in one window; the next one locks the key. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

const MINUTE = 60_000;
/** Five wrong passwords per account per 15 minutes, then 15 minutes' lock: slows guessing, bounds lock-outs. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Twenty per client address: stops one client spraying a password across many accounts. */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Five sign-in links per e-mail per 15 minutes: enough for a slow inbox, too few to flood one. */
export const LINK_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
const PRUNE_EVERY_MS = 10 * MINUTE;
const MAX_ADDRESS_LENGTH = 100;

export interface SignInAttempt {
  /** As typed; compared lowercased. */
  email: string;
  /** The client's address, or null when it cannot be known (then only the account is throttled). */
  address: string | null;
}

const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const linkKey = (email: string) => `link:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;

/**
 * The client address of a sign-in request: the first hop of `X-Forwarded-For`. Behind a proxy that sets the
 * header (the production setup, README "Deploying at scale") that is the client as the proxy saw it. Next.js
 * fills the header with the connection's peer only when the request has none, so with no proxy in front a
 * client can name its own address and slip the per-address limit (never the per-account one); with
 * AUTH_TRUST_HOST off, proxy.ts drops the header and only the account is counted. Null when there is none.
 */
export function clientAddress(headers: Headers): string | null {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (!first) return null;
  const bare = first.replace(/^\[(.*)\](:\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  return isIP(bare) ? bare.toLowerCase() : first.slice(0, MAX_ADDRESS_LENGTH);
}

/**
 * Counts this attempt against the client address and then the account, and says whether it may go on to the
 * password check: false while either is locked, or when this attempt is the one past the limit (which locks
 * it). A refused address does not count against the account, so a locked-out client cannot lock out more.
 */
export async function admitSignInAttempt(attempt: SignInAttempt, now = new Date()): Promise<boolean> {
  if (attempt.address && !(await admit(addressKey(attempt.address), ADDRESS_RULE, now))) return false;
  return admit(accountKey(attempt.email), ACCOUNT_RULE, now);
}

/**
 * A request for a sign-in link, counted like a failed attempt: against the client address (the same count as
 * passwords, so one client cannot spray either) and against the e-mail's own link count (`link:<address>`,
 * LINK_RULE), kept apart from its password count so asking for links never locks out a password. Links are
 * never "taken back": each one is a mail sent. Counted whether or not the e-mail has an account.
 */
export async function admitSignInLinkRequest(attempt: SignInAttempt, now = new Date()): Promise<boolean> {
  if (attempt.address && !(await admit(addressKey(attempt.address), ADDRESS_RULE, now))) return false;
  return admit(linkKey(attempt.email), LINK_RULE, now);
}

/** A correct password: the account's count starts again, and the attempt no longer counts against the address. */
export async function recordSignInSuccess(attempt: SignInAttempt, now = new Date()): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: accountKey(attempt.email) } });
  if (attempt.address) {
    await db.$executeRaw`
      UPDATE sign_in_throttles SET failures = GREATEST(failures - 1, 0), updated_at = ${now}::timestamptz
      WHERE key = ${addressKey(attempt.address)} AND locked_until IS NULL`;
  }
  await pruneNow(now);
}

/**
 * One statement: a new key, an expired window or an expired lock starts a fresh count of 1; otherwise the
 * count goes up by one and locks the key when it passes the limit. A key under an active lock is left alone
 * (no row comes back), so hammering a locked account does not extend its lock.
 */
async function admit(key: string, rule: ThrottleRule, now: Date): Promise<boolean> {
  const windowFloor = new Date(now.getTime() - rule.windowMs);
  const lockEnd = new Date(now.getTime() + rule.lockMs);
  const rows = await db.$queryRaw<{ failures: number; locked: boolean }[]>`
    INSERT INTO sign_in_throttles AS t (key, failures, window_start, locked_until, updated_at)
    VALUES (${key}, 1, ${now}::timestamptz, NULL, ${now}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_start <= ${windowFloor}::timestamptz OR t.locked_until IS NOT NULL THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.window_start <= ${windowFloor}::timestamptz OR t.locked_until IS NOT NULL THEN ${now}::timestamptz ELSE t.window_start END,
      locked_until = CASE
        WHEN t.window_start > ${windowFloor}::timestamptz AND t.locked_until IS NULL AND t.failures + 1 > ${rule.maxFailures}
        THEN ${lockEnd}::timestamptz END,
      updated_at = ${now}::timestamptz
    WHERE t.locked_until IS NULL OR t.locked_until <= ${now}::timestamptz
    RETURNING failures, locked_until IS NOT NULL AS locked`;
  return rows.length === 1 && !rows[0].locked;
}

let lastPrune = 0;

/** Forgets keys whose window and lock are over, at most once per PRUNE_EVERY_MS per process. */
async function pruneNow(now: Date): Promise<void> {
  if (now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now.getTime();
  const floor = new Date(now.getTime() - Math.max(ACCOUNT_RULE.windowMs, ADDRESS_RULE.windowMs, LINK_RULE.windowMs));
  await db.signInThrottle.deleteMany({
    where: { windowStart: { lt: floor }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
}
