/**
 * HMAC-signed, expiring URLs for the local storage driver, in the manner of S3's query-string signatures:
 * the signature covers the method, the object key, the expiry and (for uploads) the exact content type and
 * size, so none of them can be changed without invalidating the URL.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface SignedFields {
  method: "GET" | "PUT";
  key: string;
  expires: number;
  contentType?: string;
  size?: number;
}

function canonical(fields: SignedFields): string {
  return [fields.method, fields.key, fields.expires, fields.contentType ?? "", fields.size ?? ""].join("\n");
}

export function sign(secret: string, fields: SignedFields): string {
  return createHmac("sha256", secret).update(canonical(fields)).digest("base64url");
}

export type Verdict = { ok: true } | { ok: false; reason: "tampered" | "expired" };

export function verify(secret: string, fields: SignedFields, signature: string, now = Date.now()): Verdict {
  const expected = Buffer.from(sign(secret, fields));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "tampered" };
  if (fields.expires * 1000 < now) return { ok: false, reason: "expired" };
  return { ok: true };
}
