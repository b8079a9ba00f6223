/**
 * Webhooks (DESIGN §5.5): Standard Webhooks signatures, a transactional outbox, at-least-once delivery with
 * retries, in-order delivery per lab result, dead letters and replay.
 *
 * Sending a webhook, from a service that changes state:
 *
 *   const deliveries = await db.$transaction(async (tx) => {
 *     await tx.labResult.update(…);                                   // the state change
 *     const sequenceNumber = await allocateSequenceNumber(tx, lab); // the run's next number (seed 001)
 *     return enqueueEvent(tx, { organizationId, labResultId: lab.id, webhookUrl: lab.webhookUrl,
 *                               eventType, payload: { …, sequenceNumber }, sequenceNumber });
 *   });
 *   await dispatchPending({ ids: deliveries.map((d) => d.id) });      // after commit; never throws
 *
 * The rows commit with the state change or not at all. `dispatchPending` announces them to the
 * `deliver-webhook` Inngest function (event `webhook/delivery.created`); if the process dies before it
 * does, `startOutboxSweeper` (one per app process) announces them later. Announcing twice starts one run.
 *
 * The run claims the delivery, POSTs it signed (`webhook-id` = the delivery id on every attempt), records
 * each attempt, sleeps between attempts on the schedule of WEBHOOK_RETRY_SCHEDULE (default: immediately,
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), and dead-letters after the last. Deliveries of one lab result
 * to one destination go out in sequence order (./ordering.ts). URLs pass the SSRF guard at every attempt
 * (./url-guard.ts). Deliveries to an endpoint are signed with its secret, to an ad-hoc URL with the
 * organisation's; `rotateSecret` keeps the old one signing alongside for a grace period.
 *
 * Partners manage endpoints (./endpoints.ts), read the delivery log (./deliveries.ts), send a test `ping`
 * (./test-event.ts) and replay; the event types are in ./event-types.ts, the lifecycle payloads in
 * ./lifecycle-payloads.ts. A payload's `timestamp` is each attempt's send time (./payload.ts).
 */
export { DEFAULT_RETRY_SCHEDULE, parseDuration, parseRetrySchedule, webhookSettings, type WebhookSettings } from "./config";
export { attemptDelivery, claimDelivery, releaseStream, requeueAfterRunFailure, SETTLED_STATUSES, takeNextOfStream, type AttemptOutcome, type Claim, type DeliveryRef } from "./delivery";
export { postWebhook, USER_AGENT, type AttemptResult } from "./http-post";
export {
  allocateSequenceNumber,
  announcement,
  announcementId,
  destinations,
  dispatchPending,
  enqueueDelivery,
  enqueueEvent,
  startOutboxSweeper,
  subscribedSql,
  type DeliveryInput,
  type Destination,
  type EnqueuedDelivery,
} from "./outbox";
export { replayDelivery } from "./replay";
export { replayDeadLetters } from "./replay-dead-letters";
export { DEFAULT_GRACE_HOURS, getSigningSecret, MAX_GRACE_HOURS, rotateSecret } from "./secrets";
export { activeSecrets, generateSecret, secretFingerprint, signatureHeaders, type SecretSet, type SignatureHeaders } from "./signing";
export { createEndpoint, DELETED_ENDPOINT_ERROR, deleteEndpoint, getEndpoint, listEndpoints, updateEndpoint, type EndpointFields } from "./endpoints";
export { getDelivery, listDeliveries, type DeliveryFilter } from "./deliveries";
export { sendTestEvent, type TestEventResult } from "./test-event";
export { AGENT_EVENT, LAB_EVENT, PING_EVENT, SUBSCRIBABLE_EVENTS } from "./event-types";
export * from "./schemas";
export { assertDeliverableUrl, blockedAddressKind, UrlNotAllowedError, type DeliverableTarget, type UrlRefusal } from "./url-guard";
