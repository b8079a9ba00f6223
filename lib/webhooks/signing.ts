/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com, spec/standard-webhooks.md): HMAC-SHA256 of
 * `${webhook-id}.${webhook-timestamp}.${body}` with a `whsec_`-prefixed base64 secret, sent as `v1,<base64>`.
 * The spec lets `webhook-signature` carry several space-separated signatures; during a secret rotation we
 * sign with the new and the previous secret, so a receiver holding either one verifies.
 */
import { createHash, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

export const SECRET_PREFIX = "whsec_";

/** A new signing secret: 32 random bytes, base64, `whsec_` prefix (the spec asks for 24 to 64 bytes). */
export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

export interface SecretSet {
  secret: string;
  previousSecret?: string | null;
  previousSecretExpiresAt?: Date | null;
}

/** The secrets to sign with now: the current one, and the previous one until its grace period ends. */
export function activeSecrets(set: SecretSet, now: Date = new Date()): string[] {
  const previousValid = set.previousSecret && set.previousSecretExpiresAt && set.previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [set.secret, set.previousSecret!] : [set.secret];
}

export interface SignatureHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * The three Standard Webhooks headers for one attempt. `id` stays the same on every retry (receivers
 * de-duplicate by it); `timestamp` is the attempt's own, as receivers reject signatures older than 5 minutes.
 */
export function signatureHeaders(input: { id: string; body: string; secrets: string[]; timestamp?: Date }): SignatureHeaders {
  if (!input.secrets.length) throw new Error("at least one signing secret is needed");
  const timestamp = input.timestamp ?? new Date();
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.id, timestamp, input.body));
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

/**
 * A short, non-reversible name for a secret — the first 16 hex digits of its SHA-256 — so a partner can tell
 * which secret an endpoint signs with without Labwise showing the secret again.
 */
export function secretFingerprint(secret: string): string {
  return `sha256:${createHash("sha256").update(secret).digest("hex").slice(0, 16)}`;
}
