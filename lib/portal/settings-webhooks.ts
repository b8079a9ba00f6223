/**
 * Server side of the portal's webhook pages: the partner API's services and serializers (lib/webhooks),
 * plus the headers each attempt of a delivery was sent with, rebuilt from what the attempt recorded — the
 * `webhook-id` is the delivery's id, the timestamp its send time, the signature as sent. Never a secret.
 */
import { z } from "zod";
import type { WebhookAttempt, WebhookDelivery } from "../db";
import { AppError } from "../http/errors";
import { getDelivery, getSigningSecret, serializeDeliveryDetail, serializeSecretSet, USER_AGENT } from "../webhooks";
import type { PortalDeliveryDetail, PortalSigningSecretStatus, SentHeaders } from "./settings-webhooks-schemas";

/** The headers of one attempt, or null when nothing was sent (or it was sent before headers were recorded). */
export function sentHeaders(deliveryId: string, attempt: Pick<WebhookAttempt, "sentAt" | "signature">): SentHeaders | null {
  if (!attempt.sentAt || !attempt.signature) return null;
  return {
    "webhook-id": deliveryId,
    "webhook-timestamp": String(Math.floor(attempt.sentAt.getTime() / 1000)),
    "webhook-signature": attempt.signature,
    "content-type": "application/json",
    "user-agent": USER_AGENT,
  };
}

export function serializePortalDeliveryDetail(delivery: WebhookDelivery & { attemptLog: WebhookAttempt[] }): PortalDeliveryDetail {
  const detail = serializeDeliveryDetail(delivery);
  return {
    ...detail,
    attemptLog: detail.attemptLog.map((attempt, i) => {
      const row = delivery.attemptLog[i];
      return { ...attempt, sentAt: row.sentAt?.toISOString() ?? null, requestHeaders: sentHeaders(delivery.id, row) };
    }),
  };
}

/** One delivery of the organisation with its payload, attempts and their headers; NOT_FOUND for another's. */
export async function getPortalDeliveryDetail(organizationId: string, deliveryId: string): Promise<PortalDeliveryDetail> {
  return serializePortalDeliveryDetail(await getDelivery(organizationId, deliveryId));
}

/** The organisation's agent-run signing secret by fingerprint: the page shows which secret signs, not the secret. */
export async function getSigningSecretStatus(organizationId: string): Promise<PortalSigningSecretStatus> {
  const { secretFingerprint, previousSecretFingerprint, previousSecretExpiresAt } = serializeSecretSet(await getSigningSecret({ organizationId }));
  return { secretFingerprint, previousSecretFingerprint, previousSecretExpiresAt };
}

/** The host of an endpoint URL, for the audit log's detail (never the path or query, which may hold a token). */
export function urlHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** For the delivery's page: null when the id is malformed, unknown or another organisation's (a 404 page). */
export async function findPortalDeliveryDetail(organizationId: string, deliveryId: string): Promise<PortalDeliveryDetail | null> {
  if (!z.uuid().safeParse(deliveryId).success) return null;
  try {
    return await getPortalDeliveryDetail(organizationId, deliveryId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}
