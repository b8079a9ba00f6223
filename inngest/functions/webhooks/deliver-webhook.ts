/**
 * Delivers one webhook from the outbox (DESIGN §5.5). One run per announced delivery: claim it, attempt,
 * sleep until the next attempt is due, attempt again… until it succeeds or the schedule is spent, then wake
 * the next delivery of its stream. Every attempt is its own `step.run` and every wait a `step.sleepUntil` on
 * the time the attempt recorded, so a run interrupted at any point resumes where it was and the retry
 * schedule is the delivery's own, not Inngest's retries of a thrown error (those are kept for our own
 * failures: a step that throws is retried, and when retries are spent the delivery is queued again).
 *
 * Ordering is not left to `concurrency` (a sleeping run does not hold a concurrency slot); see
 * lib/webhooks/ordering.ts.
 */
import { announcement, attemptDelivery, claimDelivery, releaseStream, requeueAfterRunFailure } from "../../../lib/webhooks";
import { inngest } from "../../client";
import { webhookDeliveryCreated } from "./events";

export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver webhook",
    retries: 4,
    triggers: [webhookDeliveryCreated],
    onFailure: async ({ event, error, step }) => {
      const deliveryId = event.data.event.data.deliveryId as string;
      await step.run("requeue-delivery", () => requeueAfterRunFailure(deliveryId, error.message));
    },
  },
  async ({ event, step }) => {
    const { deliveryId } = event.data;
    const claim = await step.run("claim", () => claimDelivery(deliveryId));
    if (claim.action !== "deliver") return { deliveryId, ...claim };

    const delays = claim.retryDelaysMs;
    let outcome = await step.run("attempt-1", () => attemptDelivery(deliveryId, delays[0] ?? null));
    for (let retry = 0; outcome.status === "failed" && retry < delays.length; retry++) {
      if (delays[retry] > 0) await step.sleepUntil(`wait-before-attempt-${retry + 2}`, outcome.nextAttemptAt!);
      outcome = await step.run(`attempt-${retry + 2}`, () => attemptDelivery(deliveryId, delays[retry + 1] ?? null));
    }

    const next = await step.run("release-stream", () => releaseStream(deliveryId));
    if (next.length) await step.sendEvent("announce-next", next.map(announcement));
    return { deliveryId, status: outcome.status, attempts: outcome.attempt };
  },
);
