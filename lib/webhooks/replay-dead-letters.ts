/**
 * Replay every dead letter of one endpoint at once — what an admin does after fixing a receiver that was
 * down long enough for its deliveries to run out of attempts. Each goes back to the outbox exactly as a
 * single replay (./replay.ts) puts it: same id, so the receiver sees the same `webhook-id`; a fresh retry
 * schedule; its attempt log continues. Deliveries of one lab still go out in sequence order (./ordering.ts
 * parks all but the stream's head). The status change is one transaction: all of them or none.
 */
import { db } from "../db";
import { AppError, notFound } from "../http/errors";
import { dispatchPending } from "./outbox";

/** How many announcements `dispatchPending` sends per call; the sweep announces anything beyond. */
const ANNOUNCE_BATCH = 500;

export async function replayDeadLetters(input: { organizationId: string; endpointId: string }): Promise<{ replayed: number }> {
  const { ids, replayed } = await db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({
      where: { id: input.endpointId, organizationId: input.organizationId, deletedAt: null },
      select: { enabled: true },
    });
    if (!endpoint) throw notFound("Webhook endpoint");
    // A disabled endpoint dead-letters at its next attempt: replaying now would only fail them again.
    if (!endpoint.enabled) throw new AppError("CONFLICT", "This endpoint is disabled; enable it before replaying its dead letters");
    const dead = await tx.webhookDelivery.findMany({
      where: { organizationId: input.organizationId, endpointId: input.endpointId, status: "dead_letter" },
      select: { id: true },
    });
    const ids = dead.map((d) => d.id);
    if (!ids.length) return { ids, replayed: 0 };
    // Only rows still dead-lettered: a single replay that got there first is not counted twice.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: { in: ids }, status: "dead_letter" },
      data: { status: "pending", nextAttemptAt: new Date(), deliveredAt: null },
    });
    return { ids, replayed: count };
  });
  // After commit; announcing a delivery that is not pending and due is a no-op.
  for (let start = 0; start < ids.length; start += ANNOUNCE_BATCH) {
    await dispatchPending({ ids: ids.slice(start, start + ANNOUNCE_BATCH) });
  }
  return { replayed };
}
