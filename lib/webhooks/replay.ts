/**
 * Replay: a settled delivery — dead-lettered, or delivered and wanted again — goes back to the outbox and
 * gets a fresh run of the retry schedule. It keeps its id, so the receiver sees the same `webhook-id` and
 * can de-duplicate; its attempt log continues where it stopped.
 */
import { db, type WebhookDelivery } from "../db";
import { AppError, notFound } from "../http/errors";
import { SETTLED_STATUSES } from "./delivery";
import { dispatchPending } from "./outbox";

export async function replayDelivery(input: { organizationId: string; deliveryId: string }): Promise<WebhookDelivery> {
  const delivery = await db.webhookDelivery.findFirst({
    where: { id: input.deliveryId, organizationId: input.organizationId },
    include: { endpoint: { select: { deletedAt: true } } },
  });
  if (!delivery) throw notFound("Webhook delivery");
  if (delivery.endpoint?.deletedAt) throw new AppError("CONFLICT", "This delivery's webhook endpoint was deleted; it cannot be replayed");
  if (!SETTLED_STATUSES.includes(delivery.status)) {
    throw new AppError("CONFLICT", `This delivery is ${delivery.status}; only delivered or dead-lettered deliveries can be replayed`);
  }
  const requeued = { status: "pending" as const, nextAttemptAt: new Date(), deliveredAt: null };
  const { count } = await db.webhookDelivery.updateMany({ where: { id: delivery.id, status: delivery.status }, data: requeued });
  if (!count) throw new AppError("CONFLICT", "This delivery changed while it was being replayed; try again");
  await dispatchPending({ ids: [delivery.id] });
  // The answer is the delivery as the replay left it (queued): by the time it is read back the executor may
  // already be sending it, which the delivery's own read shows.
  return { ...delivery, ...requeued };
}
