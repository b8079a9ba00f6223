/**
 * `webhook_deliveries.payload`: the body a receiver gets, sent as `JSON.stringify` of the column
 * (delivery.ts). It is the public event in its own versioned shape (seed 001, seed 003: status, step,
 * `sequenceNumber`), so it carries no storage version of ours — a wrapper would change what is sent and what
 * the pipeline looks up (`payload.step.number`, notify.ts). What is checked is that it is JSON through and
 * through, so the row holds exactly the body that will be signed and sent.
 */
import type { Prisma } from "../db";

const isPlainObject = (value: object) => [Object.prototype, null].includes(Object.getPrototypeOf(value));

/**
 * Strings, finite numbers, booleans, null, arrays and plain objects only; an object property may be
 * undefined (JSON.stringify leaves it out). A walk of the value, not a schema parse: the completed event of
 * a large lab is megabytes, built inside the transaction that enqueues it.
 */
function isJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object" || depth > 64) return false;
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  return isPlainObject(value) && Object.values(value).every((item) => item === undefined || isJson(item, depth + 1));
}

function isJsonObject(value: object): value is Prisma.InputJsonObject {
  return !Array.isArray(value) && isJson(value);
}

/** The event as stored for delivery; throws for anything JSON would not send as it is (a Date, NaN, a Map). */
export function webhookPayload(event: object): Prisma.InputJsonObject {
  if (!isJsonObject(event)) throw new TypeError("a webhook payload must be a plain JSON object");
  return event;
}

/**
 * The body of one attempt: the stored payload with its top-level `timestamp` (when it has one) set to the
 * attempt's send time, as seed 001 defines it ("when the webhook was sent") — the same instant as the
 * `webhook-timestamp` header. The `webhook-id` does not change between attempts; the timestamp does.
 */
export function stampSendTime(payload: Prisma.JsonValue, sentAt: Date): Prisma.JsonValue {
  if (!payload || typeof payload !== "object" || Array.isArray(payload) || !("timestamp" in payload)) return payload;
  return { ...payload, timestamp: sentAt.toISOString() };
}
