/**
 * Encryption at rest for secrets Labwise must be able to read back (webhook signing secrets, remembered
 * idempotent responses): AES-256-GCM with a 96-bit random nonce, authenticated, versioned.
 *
 * The key is derived with HKDF-SHA256 from `ENCRYPTION_KEY` when set, else from `AUTH_SECRET` (which every
 * deployment already keeps in its secret manager), with a per-purpose `info` so a key for one purpose never
 * decrypts another's data. Sealed values are text — `enc:v1:<base64url(nonce ‖ ciphertext ‖ tag)>` — so they
 * fit the existing string columns, and a value without the prefix is recognisably plaintext written before
 * encryption existed (read as-is, re-sealed on its next write).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "enc:v1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export type SecretPurpose = "webhook-secret" | "idempotency-response";

const keys = new Map<string, Buffer>();

function keyFor(purpose: SecretPurpose): Buffer {
  const material = process.env.ENCRYPTION_KEY || process.env.AUTH_SECRET;
  if (!material || material.length < 32) {
    throw new Error("ENCRYPTION_KEY (or AUTH_SECRET) of at least 32 characters is needed to encrypt secrets at rest");
  }
  const cacheKey = `${purpose}\0${material}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", material, "labwise-at-rest-v1", `labwise:${purpose}`, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

/** Encrypts `plaintext` for storage. Two seals of one value differ (fresh nonce). */
export function seal(plaintext: string, purpose: SecretPurpose): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

/** Decrypts a value written by `seal`; a value without the prefix is returned unchanged (written before encryption). */
export function open(stored: string, purpose: SecretPurpose): string {
  if (!isSealed(stored)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new Error("sealed value is truncated");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), raw.subarray(0, NONCE_BYTES));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}
