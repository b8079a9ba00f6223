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

/** `streamOf`'s key for the delivery row `d`, in SQL: a lock taken by either is the same lock. */
const streamKeySql = (d: string) =>
  Prisma.raw(`'webhook-stream:' || ${d}.lab_result_id || ':' || CASE WHEN ${d}.endpoint_id IS NOT NULL THEN 'endpoint:' || ${d}.endpoint_id ELSE 'url:' || ${d}.url END`);

/** Whether the delivery row `n` is of the stream of row `d`, as `streamOf` names streams (none without a lab). */
export const sameStreamSql = (n: string, d: string) =>
  Prisma.raw(`${n}.lab_result_id = ${d}.lab_result_id AND ${n}.organization_id = ${d}.organization_id
    AND (${n}.endpoint_id = ${d}.endpoint_id OR (${d}.endpoint_id IS NULL AND ${n}.endpoint_id IS NULL AND ${n}.url = ${d}.url))`);

/** Whether the delivery row `n` is open (OPEN_STATUSES). */
export const openSql = (n: string) => Prisma.sql`${Prisma.raw(n)}.status::text IN (${Prisma.join([...OPEN_STATUSES])})`;

/** `streamHead`'s order, in SQL, for the delivery row `n`. */
export const streamOrderSql = (n: string) => Prisma.raw(`${n}.sequence_number ASC NULLS LAST, ${n}.created_at ASC, ${n}.id ASC`);

/**
 * Whether another delivery of the stream of delivery `id` is open, in one statement and without the stream's
 * lock. A delivery being parked as this runs is seen as open (its row is), so a caller that acts on it looks
 * again under the lock; one not yet written will find `id` settled when claimed, and be the head.
 */
export async function othersOpenInStream(id: string, organizationId: string): Promise<boolean> {
  const [{ open }] = await db.$queryRaw<{ open: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM webhook_deliveries d JOIN webhook_deliveries n ON ${sameStreamSql("n", "d")} AND n.id <> d.id
       WHERE d.id = ${id}::uuid AND d.organization_id = ${organizationId}::uuid AND ${openSql("n")}) AS open`;
  return open;
}

/**
 * Takes `lockStream`'s lock on the stream of delivery `id` in the caller's transaction, reading the stream from
 * its row in the same statement. False when the organisation has no such delivery; a delivery outside a lab
 * has no stream and no lock.
 */
export async function lockStreamOfDelivery(tx: Tx, id: string, organizationId: string): Promise<boolean> {
  const found = await tx.$queryRaw<unknown[]>`
    SELECT CASE WHEN d.lab_result_id IS NOT NULL THEN pg_advisory_xact_lock(hashtextextended(${streamKeySql("d")}, 0))::text END
      FROM webhook_deliveries d WHERE d.id = ${id}::uuid AND d.organization_id = ${organizationId}::uuid`;
  return found.length > 0;
}

/** Serialises decisions about one stream until the transaction ends. */
export async function lockStream(tx: Tx, stream: Stream): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${stream.key}, 0))`;
}

/** The delivery the stream is waiting on, or null when everything in it has settled (in SQL: `streamOrderSql`). */
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
