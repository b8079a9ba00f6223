/**
 * `POST /v1/webhook-endpoints/{id}/test`: a signed `ping` sent now, through the same path as every delivery —
 * an outbox row, claimed, one attempt signed with the endpoint's secrets, recorded in the attempt log — but
 * attempted in the request, so the caller sees the receiver's answer. The row is written parked (no
 * `nextAttemptAt`, no lab result), so the sweep never announces it alongside; a failed ping is
 * dead-lettered after its one attempt (testing again, or replaying it, sends it again).
 */
import { db } from "../db";
import { attemptDelivery, claimDelivery, type DeliveryRef } from "./delivery";
import { getEndpoint } from "./endpoints";
import { PING_EVENT } from "./event-types";
import { ping } from "./lifecycle-payloads";
import { webhookPayload } from "./payload";

export interface TestEventResult {
  deliveryId: string;
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export async function sendTestEvent(organizationId: string, endpointId: string): Promise<TestEventResult> {
  const endpoint = await getEndpoint(organizationId, endpointId);
  const delivery = await db.webhookDelivery.create({
    data: { organizationId, endpointId: endpoint.id, url: endpoint.url, eventType: PING_EVENT, payload: webhookPayload(ping(endpoint.id)), status: "pending", nextAttemptAt: null },
  });
  const ref: DeliveryRef = { deliveryId: delivery.id, organizationId };
  const claim = await claimDelivery(ref);
  if (claim.action !== "deliver") throw new Error(`a new test delivery could not be claimed (${claim.action})`);
  const outcome = await attemptDelivery(ref, null);
  const attempt = await db.webhookAttempt.findFirstOrThrow({ where: { deliveryId: delivery.id, attempt: outcome.attempt } });
  return {
    deliveryId: delivery.id,
    succeeded: outcome.status === "succeeded",
    statusCode: attempt.statusCode,
    latencyMs: attempt.latencyMs,
    responseExcerpt: attempt.responseExcerpt,
    error: attempt.error,
  };
}
