/**
 * Request and response schemas of webhook management (`/v1/webhook-endpoints`, `/v1/webhook-deliveries`,
 * `/v1/webhook-secret`; partner surface, camelCase) and the serializers that shape answers with them, so
 * validation, answers and the OpenAPI document are one definition.
 */
import { z } from "zod";
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "../db";
import { pageQuerySchema } from "../http/pagination";
import { DELIVERY_STATUSES } from "./constants";
import { SUBSCRIBABLE_EVENTS } from "./event-types";
import { openSecret } from "./sealed-secrets";
import { DEFAULT_GRACE_HOURS, MAX_GRACE_HOURS } from "./secrets";
import { activeSecrets, secretFingerprint, type SecretSet } from "./signing";


export const endpointIdParams = z.object({ id: z.uuid().describe("The webhook endpoint id") });
export const deliveryIdParams = z.object({ id: z.uuid().describe("The webhook delivery id (also its `webhook-id` header)") });

const url = z.string().trim().min(1).max(2048).describe("Where to POST: https, to a public address (plain http and private addresses only where the deployment allowlists them)");
const events = z
  .array(z.enum(SUBSCRIBABLE_EVENTS))
  .max(SUBSCRIBABLE_EVENTS.length * 2)
  .describe(`Event types to receive; empty or absent means all. One of: ${SUBSCRIBABLE_EVENTS.map((e) => `\`${e}\``).join(", ")}`);
const description = z.string().trim().max(500).nullable().describe("Your note about this endpoint");
const enabled = z.boolean().describe("Disabled endpoints receive nothing; their deliveries are dead-lettered at the next attempt");

export const createEndpointRequest = z
  .object({ url, events: events.optional(), description: description.optional(), enabled: enabled.optional() })
  .meta({ id: "WebhookEndpointCreateRequest" });

export const updateEndpointRequest = z
  .object({ url: url.optional(), events: events.optional(), description: description.optional(), enabled: enabled.optional() })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "Give at least one of url, events, description, enabled")
  .meta({ id: "WebhookEndpointUpdateRequest" });

export const rotateQuery = z.object({
  graceHours: z.coerce
    .number()
    .min(0)
    .max(MAX_GRACE_HOURS)
    .default(DEFAULT_GRACE_HOURS)
    .describe(`How long the old secret keeps signing alongside the new one, in hours (default ${DEFAULT_GRACE_HOURS}; 0 retires it at once)`),
});

export const deliveryListQuery = pageQuerySchema.extend({
  endpointId: z.uuid().optional().describe("Only deliveries to this endpoint"),
  eventType: z.string().min(1).max(100).optional().describe("Only this event type"),
  status: z.enum(DELIVERY_STATUSES).optional().describe("Only deliveries in this status"),
  labResultId: z.uuid().optional().describe("Only deliveries about this lab result"),
});

const fingerprint = z.string().describe("`sha256:` and the first 16 hex digits of the secret's SHA-256: tells which secret you hold, reveals nothing of it");
const timestamp = z.iso.datetime();

export const endpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()).describe("Subscribed event types; empty means all"),
    enabled: z.boolean(),
    secretFingerprint: fingerprint,
    previousSecretExpiresAt: timestamp.nullable().describe("While set and in the future, deliveries are signed with the previous secret too"),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "WebhookEndpoint" });

export const endpointWithSecretSchema = endpointSchema
  .extend({ secret: z.string().startsWith("whsec_").describe("The signing secret. Shown only in this answer: store it now") })
  .meta({ id: "WebhookEndpointWithSecret" });

export const endpointListSchema = z
  .object({ data: z.array(endpointSchema), nextCursor: z.string().nullable(), hasMore: z.boolean() })
  .meta({ id: "WebhookEndpointList" });

export const testResultSchema = z
  .object({
    deliveryId: z.uuid().describe("The `ping` delivery, in the delivery log like any other"),
    succeeded: z.boolean().describe("Whether the receiver answered 2xx"),
    statusCode: z.int().nullable().describe("The receiver's HTTP status; null when there was no answer"),
    latencyMs: z.int().describe("From connecting to the last byte of the answer"),
    responseExcerpt: z.string().nullable().describe("The first 1 KB of the answer"),
    error: z.string().nullable().describe("Why the attempt failed, in words"),
  })
  .meta({ id: "WebhookTestResult" });

const deliveryFields = {
  id: z.uuid().describe("Also the `webhook-id` header, the same on every attempt and replay"),
  endpointId: z.uuid().nullable().describe("The endpoint; null for an agent run's own `webhookUrl`"),
  labResultId: z.uuid().nullable(),
  url: z.string(),
  eventType: z.string(),
  sequenceNumber: z.int().nullable(),
  status: z.enum(DELIVERY_STATUSES).describe("`pending` → `delivering` → `succeeded`, or `failed` (a retry is due at `nextAttemptAt`) → … → `dead_letter`"),
  attempts: z.int(),
  lastStatusCode: z.int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: timestamp.nullable(),
  deliveredAt: timestamp.nullable(),
  createdAt: timestamp,
};

export const deliverySchema = z.object(deliveryFields).meta({ id: "WebhookDelivery" });

export const attemptSchema = z
  .object({
    attempt: z.int().min(1),
    statusCode: z.int().nullable(),
    latencyMs: z.int(),
    responseExcerpt: z.string().nullable().describe("The first 1 KB of the receiver's answer"),
    error: z.string().nullable(),
    attemptedAt: timestamp.describe("When the attempt was recorded (after the answer or the failure)"),
  })
  .meta({ id: "WebhookAttempt" });

export const deliveryDetailSchema = z
  .object({
    ...deliveryFields,
    payload: z.record(z.string(), z.unknown()).describe("The event as stored; each attempt sends it with `timestamp` set to its own send time"),
    attemptLog: z.array(attemptSchema).describe("Every attempt, oldest first"),
  })
  .meta({ id: "WebhookDeliveryDetail" });

export const deliveryListSchema = z
  .object({ data: z.array(deliverySchema), nextCursor: z.string().nullable(), hasMore: z.boolean() })
  .meta({ id: "WebhookDeliveryList" });

export const organizationSecretSchema = z
  .object({
    secret: z.string().startsWith("whsec_").describe("The current secret, in full: verify `webhook-signature` with it"),
    secretFingerprint: fingerprint,
    previousSecretFingerprint: fingerprint.nullable().describe("The rotated-out secret still signing alongside, if any"),
    previousSecretExpiresAt: timestamp.nullable(),
  })
  .meta({ id: "WebhookSigningSecret" });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** An endpoint as stored (sealed secret), or as just created or rotated (`openedSecret` given). */
export function serializeEndpoint(endpoint: WebhookEndpoint, openedSecret = openSecret(endpoint.secret)): z.infer<typeof endpointSchema> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events,
    enabled: endpoint.enabled,
    secretFingerprint: secretFingerprint(openedSecret),
    previousSecretExpiresAt: iso(endpoint.previousSecretExpiresAt),
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function serializeDelivery(delivery: WebhookDelivery): z.infer<typeof deliverySchema> {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    labResultId: delivery.labResultId,
    url: delivery.url,
    eventType: delivery.eventType,
    sequenceNumber: delivery.sequenceNumber,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    nextAttemptAt: iso(delivery.nextAttemptAt),
    deliveredAt: iso(delivery.deliveredAt),
    createdAt: delivery.createdAt.toISOString(),
  };
}

export function serializeDeliveryDetail(delivery: WebhookDelivery & { attemptLog: WebhookAttempt[] }): z.infer<typeof deliveryDetailSchema> {
  return {
    ...serializeDelivery(delivery),
    payload: isObject(delivery.payload) ? delivery.payload : {},
    attemptLog: delivery.attemptLog.map((a) => ({
      attempt: a.attempt,
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
      attemptedAt: a.createdAt.toISOString(),
    })),
  };
}

/** The organisation's secret as an admin reads it: the current one in full, the previous one by fingerprint only. */
export function serializeSecretSet(set: SecretSet): z.infer<typeof organizationSecretSchema> {
  const signing = activeSecrets(set);
  const previous = signing.length > 1 ? set.previousSecret! : null;
  return {
    secret: set.secret,
    secretFingerprint: secretFingerprint(set.secret),
    previousSecretFingerprint: previous && secretFingerprint(previous),
    previousSecretExpiresAt: previous ? iso(set.previousSecretExpiresAt ?? null) : null,
  };
}
