/**
 * How an Inngest server authenticates itself to an app and the app to it, as Inngest Cloud does (SDK spec
 * §4, "Request signing"), so the app's serve endpoint runs in the SDK's production mode and refuses any
 * call the executor did not make:
 * - every call to the app carries `X-Inngest-Signature: t=<unix seconds>&s=<hex HMAC-SHA256>` over the
 *   JSON-canonicalised (RFC 8785) body followed by the timestamp, keyed by the signing key without its
 *   `signkey-<env>-` prefix; the SDK refuses a missing, wrong or more than five minutes old signature;
 * - the SDK authenticates its registration with `Authorization: Bearer <hashed signing key>`: the same
 *   prefix, then SHA-256 of the key's hex bytes;
 * - events are sent to `/e/<event key>`.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";

const PREFIX = /^signkey-[\w]+-/;

export interface ExecutorKeys {
  signingKey: string;
  eventKey: string;
}

/** A fresh pair, in the formats Inngest issues: `signkey-prod-<64 hex>` and 64 hex characters. */
export function generateExecutorKeys(): ExecutorKeys {
  return { signingKey: `signkey-prod-${randomBytes(32).toString("hex")}`, eventKey: randomBytes(32).toString("hex") };
}

/** The body exactly as it is signed and sent: canonical JSON, so what the SDK re-canonicalises matches. */
export function canonicalBody(body: unknown): string {
  const text = canonicalize(body);
  if (text === undefined) throw new TypeError("the request body cannot be serialised");
  return text;
}

/** The `X-Inngest-Signature` header for a canonical body. */
export function signatureHeader(canonical: string, signingKey: string, now = Date.now()): string {
  const ts = String(Math.round(now / 1000));
  const mac = createHmac("sha256", signingKey.replace(PREFIX, "")).update(canonical).update(ts).digest("hex");
  return `t=${ts}&s=${mac}`;
}

/** What the SDK sends as its registration bearer token for this signing key. */
export function hashedSigningKey(signingKey: string): string {
  const prefix = signingKey.match(PREFIX)?.[0] ?? "";
  return prefix + createHash("sha256").update(signingKey.replace(PREFIX, ""), "hex").digest("hex");
}

/** Constant-time comparison of a presented credential with the expected one. */
export function sameSecret(presented: string | null | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
