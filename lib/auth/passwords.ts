/** Portal passwords: scrypt (N=2^15, r=8, p=1) with a per-password salt, compared in constant time. */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const PARAMS: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, KEY_LENGTH, PARAMS, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt);
  return `scrypt$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Random, so nothing verifies against it; shaped like a real hash, so checking it costs one full scrypt. */
const NO_ACCOUNT_HASH = `scrypt$${randomBytes(16).toString("base64url")}$${randomBytes(KEY_LENGTH).toString("base64url")}`;

/**
 * Spends the time of one verifyPassword() and answers false: for sign-ins to an unknown e-mail (or an account
 * without a password), so they take as long as a wrong password and response times do not reveal which
 * e-mails have accounts (OWASP Authentication Cheat Sheet, "Authentication responses").
 */
export async function verifyPasswordForNoAccount(password: string): Promise<false> {
  await verifyPassword(password, NO_ACCOUNT_HASH);
  return false;
}
