/**
 * Delivers one webhook from the outbox (DESIGN §5.5). One run per announced delivery: claim it, attempt,
 * sleep until the next attempt is due, attempt again… until it succeeds or the schedule is spent, then wake
 * and announce the next delivery of its stream. Every attempt is its own `step.run` and every wait a `step.sleepUntil` on
 * the time the attempt recorded, so a run interrupted at any point resumes where it was and the retry
 * schedule is the delivery's own, not Inngest's retries of a thrown error (those are kept for our own
 * failures: a step that throws is retried, and when retries are spent the delivery is queued again).
 *
 * Ordering is not left to `concurrency` (a sleeping run does not hold a concurrency slot); see
 * lib/webhooks/ordering.ts.
 */
import { publish } from "../../../lib/events";
import { announcement, attemptDelivery, claimDelivery, releaseStream, requeueAfterRunFailure, SETTLED_STATUSES, type DeliveryRef } from "../../../lib/webhooks";
import { inngest } from "../../client";
import { webhookDeliveryCreated } from "../../events";
import { mapDomainErrors } from "../domain-errors";

export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver webhook",
    retries: 4,
    triggers: [webhookDeliveryCreated],
    onFailure: async ({ event, error, step }) => {
      const { deliveryId, organizationId } = event.data.event.data as DeliveryRef;
      await step.run("requeue-delivery", mapDomainErrors(() => requeueAfterRunFailure({ deliveryId, organizationId }, error.message)));
    },
  },
  async ({ event, step }) => {
    const { deliveryId, organizationId } = event.data;
    const ref: DeliveryRef = { deliveryId, organizationId };
    // The common case — claimed, delivered at the first attempt, the next of its stream woken and announced —
    // is one step, so a run of deliveries for one lab costs one round trip each. A retried step finds the
    // delivery settled and only releases its stream (waking is idempotent, announcing is de-duplicated).
    const first = await step.run(
      "claim-and-attempt-1",
      mapDomainErrors(async () => {
        const claim = await claimDelivery(ref);
        if (claim.action === "skip" && SETTLED_STATUSES.includes(claim.status)) await announceNext(ref);
        if (claim.action !== "deliver") return { claim, outcome: null };
        const outcome = await attemptDelivery(ref, claim.retryDelaysMs[0] ?? null);
        if (outcome.status !== "failed") await announceNext(ref);
        return { claim, outcome };
      }),
    );
    if (first.claim.action !== "deliver" || !first.outcome) return { deliveryId, ...first.claim };
    if (first.outcome.status !== "failed") return { deliveryId, status: first.outcome.status, attempts: first.outcome.attempt };

    const delays = first.claim.retryDelaysMs;
    let outcome = first.outcome;
    for (let retry = 0; outcome.status === "failed" && retry < delays.length; retry++) {
      if (delays[retry] > 0) await step.sleepUntil(`wait-before-attempt-${retry + 2}`, outcome.nextAttemptAt!);
      outcome = await step.run(`attempt-${retry + 2}`, mapDomainErrors(() => attemptDelivery(ref, delays[retry + 1] ?? null)));
    }

    await step.run("release-stream", mapDomainErrors(() => announceNext(ref)));
    return { deliveryId, status: outcome.status, attempts: outcome.attempt };
  },
);

/** Wakes the next delivery of this one's stream, if one is parked behind it, and announces it. */
async function announceNext(ref: DeliveryRef): Promise<number> {
  const next = await releaseStream(ref);
  if (next.length) await publish(next.map(announcement));
  return next.length;
}
