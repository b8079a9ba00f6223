/**
 * The contract between the portal's /settings/webhooks and /settings/deliveries pages and their endpoints
 * (`/api/portal/settings/webhooks/*`, `/deliveries/*`, `/webhook-secret/*`): camelCase, the partner API's own
 * shapes (lib/webhooks/schemas.ts) wrapped in `{ data }`, plus what only the portal shows (the headers each
 * attempt was sent with). Pure zod, and type-only imports of the server's modules, so client components
 * import it without reaching them.
 */
import { z } from "zod";
import type { DeliveryStatus } from "../db";
import { DEFAULT_GRACE_HOURS, DELIVERY_STATUSES, MAX_GRACE_HOURS } from "../webhooks/constants";
import { AGENT_EVENT, LAB_EVENT, PING_EVENT, SUBSCRIBABLE_EVENTS } from "../webhooks/event-types";
import type { deliveryDetailSchema, deliverySchema, endpointSchema, organizationSecretSchema, testResultSchema } from "../webhooks/schemas";

export { SUBSCRIBABLE_EVENTS };

/** Every event type a delivery can have, for the delivery log's filter. */
export const DELIVERY_EVENT_TYPES = [...Object.values(AGENT_EVENT), ...Object.values(LAB_EVENT), PING_EVENT] as const;

export const DELIVERY_STATUS_VALUES = DELIVERY_STATUSES satisfies readonly DeliveryStatus[];

/** Grace periods the portal offers when rotating a secret, in hours (the API takes any 0 to 720). */
export const GRACE_HOUR_CHOICES = [0, 1, 24, 72, 168] as const;
export { DEFAULT_GRACE_HOURS };

export const endpointIdParams = z.object({ endpoint_id: z.uuid() });
export const deliveryIdParams = z.object({ delivery_id: z.uuid() });

/** A rotation: how long the old secret keeps signing alongside the new one. */
export const rotateBody = z.object({ graceHours: z.number().min(0).max(MAX_GRACE_HOURS).default(DEFAULT_GRACE_HOURS) });

export const deliveryFilterQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).optional(),
  endpointId: z.uuid().optional(),
  eventType: z.string().trim().min(1).max(100).optional(),
  status: z.enum(DELIVERY_STATUS_VALUES).optional(),
});
export type DeliveryFilterQuery = z.infer<typeof deliveryFilterQuery>;

export type PortalWebhookEndpoint = z.infer<typeof endpointSchema>;
export type PortalWebhookEndpointWithSecret = PortalWebhookEndpoint & { secret: string };
export type PortalTestResult = z.infer<typeof testResultSchema>;
export type PortalDelivery = z.infer<typeof deliverySchema>;
export type PortalSigningSecret = z.infer<typeof organizationSecretSchema>;
/** The organisation's secret as the page lists it: fingerprints only (the secret comes from reveal or rotate). */
export type PortalSigningSecretStatus = Omit<PortalSigningSecret, "secret">;

/** The Standard Webhooks headers (and the two plain ones) one attempt was sent with. */
export interface SentHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
  "content-type": string;
  "user-agent": string;
}

type DeliveryDetail = z.infer<typeof deliveryDetailSchema>;
export type PortalDeliveryDetail = Omit<DeliveryDetail, "attemptLog"> & {
  /** Headers are null for an attempt that sent nothing (a refused URL, a disabled endpoint). */
  attemptLog: (DeliveryDetail["attemptLog"][number] & { sentAt: string | null; requestHeaders: SentHeaders | null })[];
};

export interface PortalPage<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}
