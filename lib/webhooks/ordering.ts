/**
 * In-order delivery per stream: the deliveries of one lab result to one destination (an endpoint, or an
 * ad-hoc URL), in sequence-number order. Only the stream's head — its first delivery not yet delivered or
 * dead-lettered — may be attempted; a delivery that is not the head is parked (`pending`, no
 * `nextAttemptAt`) and woken when the one before it settles.
 *
 * Why not Inngest's `concurrency: { key, limit: 1 }`: a run sleeping between retries does not hold its
 * concurrency slot (in Inngest or the embedded executor), so delivery 2 would overtake a delivery 1 that
 * waits 5 minutes for its next attempt. Each decision here runs in a transaction holding a PostgreSQL
 * advisory lock on the stream, so parking and waking cannot miss each other.
 */
import { db, Prisma, type Tx, type WebhookDelivery } from "../db";

export const OPEN_STATUSES = ["pending", "delivering", "failed"] as const;

type StreamFields = Pick<WebhookDelivery, "labResultId" | "endpointId" | "url">;

export interface Stream {
  key: string;
  where: Prisma.WebhookDeliveryWhereInput;
}

/** The stream a delivery belongs to; null for deliveries outside a lab result, which have no order. */
export function streamOf(delivery: StreamFields): Stream | null {
  if (!delivery.labResultId) return null;
  const destination = delivery.endpointId ? `endpoint:${delivery.endpointId}` : `url:${delivery.url}`;
  return {
    key: `webhook-stream:${delivery.labResultId}:${destination}`,
    where: delivery.endpointId
      ? { labResultId: delivery.labResultId, endpointId: delivery.endpointId }
      : { labResultId: delivery.labResultId, endpointId: null, url: delivery.url },
  };
}

/**
 * Whether another delivery of the stream of delivery `id` is open, in one statement and without the stream's
 * lock (the stream is matched in SQL exactly as `streamOf` names it). A delivery being parked as this runs is
 * seen as open (its row is), so a caller that acts on it looks again under the lock; one not yet written will
 * find `id` settled when claimed, and be the head.
 */
export async function othersOpenInStream(id: string, organizationId: string): Promise<boolean> {
  const [{ open }] = await db.$queryRaw<{ open: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM webhook_deliveries d JOIN webhook_deliveries n
        ON n.lab_result_id = d.lab_result_id AND n.organization_id = d.organization_id AND n.id <> d.id
       AND (n.endpoint_id = d.endpoint_id OR (d.endpoint_id IS NULL AND n.endpoint_id IS NULL AND n.url = d.url))
     WHERE d.id = ${id}::uuid AND d.organization_id = ${organizationId}::uuid
       AND n.status::text IN (${Prisma.join([...OPEN_STATUSES])})) AS open`;
  return open;
}

/** Serialises decisions about one stream until the transaction ends. */
export async function lockStream(tx: Tx, stream: Stream): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${stream.key}, 0))`;
}

/** The delivery the stream is waiting on, or null when everything in it has settled. */
export function streamHead(tx: Tx, stream: Stream) {
  return tx.webhookDelivery.findFirst({
    where: { ...stream.where, status: { in: [...OPEN_STATUSES] } },
    orderBy: [{ sequenceNumber: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
  });
}

/**
 * Wakes the stream's head if it is parked, returning it (due now) so the caller announces it. Called when a
 * delivery settles, and by the outbox sweep as a safety net.
 */
export async function wakeStreamHead(tx: Tx, stream: Stream): Promise<WebhookDelivery | null> {
  await lockStream(tx, stream);
  const head = await streamHead(tx, stream);
  if (!head || head.status !== "pending" || head.nextAttemptAt !== null) return null;
  return tx.webhookDelivery.update({ where: { id: head.id }, data: { nextAttemptAt: new Date() } });
}
