/**
 * Delivers webhooks from the outbox (DESIGN §5.5). A run starts from an announced delivery: claim it,
 * attempt, sleep until the next attempt is due, attempt again… until it succeeds or the schedule is spent.
 * Then it goes on to the next delivery of its stream, if that was parked behind this one, in steps of its own
 * (`takeNextOfStream`), so an in-order stream of webhooks costs no executor round trip per event; otherwise
 * it wakes and announces the next to a run of its own. Every attempt is its own `step.run` and every wait a `step.sleepUntil` on
 * the time the attempt recorded, so a run interrupted at any point resumes where it was and the retry
 * schedule is the delivery's own, not Inngest's retries of a thrown error (those are kept for our own
 * failures: a step that throws is retried, and when retries are spent the delivery is queued again).
 *
 * Ordering is not left to `concurrency` (a sleeping run does not hold a concurrency slot); see
 * lib/webhooks/ordering.ts.
 */
import { publish } from "../../../lib/events";
import {
  announcement,
  attemptDelivery,
  claimDelivery,
  releaseStream,
  requeueAfterRunFailure,
  SETTLED_STATUSES,
  takeNextOfStream,
  type DeliveryRef,
} from "../../../lib/webhooks";
import { inngest } from "../../client";
import { webhookDeliveryCreated } from "../../events";
import { mapDomainErrors } from "../domain-errors";

export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver webhook",
    retries: 4,
    // A delivery tells a partner about work already done and takes milliseconds: it starts ahead of pipeline
    // runs that have waited up to ten minutes, so a burst of labs does not hold back the webhooks of those
    // already finished until the whole burst is processed.
    priority: { run: "600" },
    triggers: [webhookDeliveryCreated],
    onFailure: async ({ event, error, step }) => {
      const { deliveryId, organizationId } = event.data.event.data as DeliveryRef;
      await step.run("requeue-delivery", mapDomainErrors(() => requeueAfterRunFailure({ deliveryId, organizationId }, error.message)));
    },
  },
  async ({ event, step }) => {
    let ref: DeliveryRef | null = { deliveryId: event.data.deliveryId, organizationId: event.data.organizationId };
    const delivered: DeliveryResult[] = [];
    // The first delivery keeps the step ids it always had; those handed on to this run are prefixed with theirs.
    while (ref) {
      const handOn = delivered.length + 1 < MAX_DELIVERIES_PER_RUN;
      const { next, ...result } = await deliverOne(step, ref, delivered.length ? `${ref.deliveryId}:` : "", handOn);
      delivered.push(result);
      ref = next;
    }
    return delivered.length === 1 ? delivered[0] : { ...delivered[0], handedOn: delivered.slice(1) };
  },
);

/**
 * A run delivers the deliveries of one stream one after another, at most this many, handing on to the next
 * in its own steps instead of announcing it to a run of its own; past this many it announces the next.
 */
const MAX_DELIVERIES_PER_RUN = 32;

type Step = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];
type DeliveryResult = { deliveryId: string } & Record<string, unknown>;

/**
 * One delivery, from its claim to its last attempt, and what follows it in its stream: the delivery this run
 * goes on to (`handOn`), or none (the next, if any, announced to a run of its own).
 */
async function deliverOne(step: Step, ref: DeliveryRef, prefix: string, handOn: boolean): Promise<DeliveryResult & { next: DeliveryRef | null }> {
  const { deliveryId } = ref;
  const passOn = () => (handOn ? takeNextOfStream(ref) : announceNext(ref).then(() => null));
  // The common case — claimed, delivered at the first attempt, the next of its stream taken on or announced —
  // is one step. A retried step finds the delivery settled and only passes the stream on (taking on is kept
  // for this run by its reservation, waking is idempotent, announcing is de-duplicated).
  const first = await step.run(
    `${prefix}claim-and-attempt-1`,
    mapDomainErrors(async () => {
      const claim = await claimDelivery(ref);
      if (claim.action === "skip" && SETTLED_STATUSES.includes(claim.status)) return { claim, outcome: null, next: await passOn() };
      if (claim.action !== "deliver") return { claim, outcome: null, next: null };
      const outcome = await attemptDelivery(ref, claim.retryDelaysMs[0] ?? null);
      return { claim, outcome, next: outcome.status !== "failed" ? await passOn() : null };
    }),
  );
  if (first.claim.action !== "deliver" || !first.outcome) return { deliveryId, ...first.claim, next: first.next };
  if (first.outcome.status !== "failed") return { deliveryId, status: first.outcome.status, attempts: first.outcome.attempt, next: first.next };

  const delays = first.claim.retryDelaysMs;
  let outcome = first.outcome;
  for (let retry = 0; outcome.status === "failed" && retry < delays.length; retry++) {
    if (delays[retry] > 0) await step.sleepUntil(`${prefix}wait-before-attempt-${retry + 2}`, outcome.nextAttemptAt!);
    outcome = await step.run(`${prefix}attempt-${retry + 2}`, mapDomainErrors(() => attemptDelivery(ref, delays[retry + 1] ?? null)));
  }

  const next = await step.run(`${prefix}release-stream`, mapDomainErrors(passOn));
  return { deliveryId, status: outcome.status, attempts: outcome.attempt, next };
}

/** Wakes the next delivery of this one's stream, if one is parked behind it, and announces it. */
async function announceNext(ref: DeliveryRef): Promise<number> {
  const next = await releaseStream(ref);
  if (next.length) await publish(next.map(announcement));
  return next.length;
}
