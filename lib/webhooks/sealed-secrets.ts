/**
 * Webhook signing secrets at rest: sealed with lib/crypto/secret-box (AES-256-GCM, purpose
 * `webhook-secret`) on every write and opened on every read, so a database dump or replica does not hand
 * out the keys that make a forged webhook look genuine. Rows written before sealing hold plaintext; they
 * are read as they are and sealed on their next write.
 */
import { open, seal } from "../crypto/secret-box";
import type { SecretSet } from "./signing";

export function sealSecret(secret: string): string {
  return seal(secret, "webhook-secret");
}

export function sealOptionalSecret(secret: string | null | undefined): string | null {
  return secret ? sealSecret(secret) : null;
}

export function openSecret(stored: string): string {
  return open(stored, "webhook-secret");
}

/** The secret set of a stored row (endpoint columns), opened. */
export function openSecretSet(row: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }): SecretSet {
  return {
    secret: openSecret(row.secret),
    previousSecret: row.previousSecret ? openSecret(row.previousSecret) : null,
    previousSecretExpiresAt: row.previousSecretExpiresAt,
  };
}
