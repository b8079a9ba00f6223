/**
 * The transactional outbox (DESIGN §5.5): a webhook is a WebhookDelivery row written in the same
 * transaction as the state change it reports, then announced to the `deliver-webhook` function by an event.
 * The event cannot be sent inside the transaction, so announcing is idempotent and repeatable: the event id
 * is a function of the row's state (`announcementId`), and `dispatchPending` may run any number of times —
 * right after commit, and from a periodic sweep — without starting a delivery twice.
 */
import { db, Prisma, type Tx, type WebhookDelivery } from "../db";
import { pooledSql, rowNotFound } from "../db/prepared";
import { publish, webhookDeliveryCreated } from "../events";
import { log } from "../log";
import { webhookSettings } from "./config";
import { streamOf, wakeStreamHead } from "./ordering";

export interface DeliveryInput {
  organizationId: string;
  labResultId?: string | null;
  endpointId?: string | null;
  /** Where to POST: the endpoint's URL, or the ad-hoc `webhookUrl` of an agent run. */
  url: string;
  eventType: string;
  payload: Prisma.InputJsonValue;
  /** The run's `sequenceNumber` (seed 001), from `allocateSequenceNumber`; orders deliveries per stream. */
  sequenceNumber?: number | null;
}

/**
 * Writes one delivery in the caller's transaction. It is due at once; nothing is sent until the transaction
 * has committed and `dispatchPending` (or the sweep) announces it. The URL is not checked here — a refused
 * URL must not roll back the state change — but at every attempt, where a refusal dead-letters the delivery.
 */
export async function enqueueDelivery(tx: Tx, input: DeliveryInput): Promise<EnqueuedDelivery> {
  // Raw: every webhook passes here, most of them in a lab's or a job's state change.
  const [delivery] = await tx.$queryRaw<EnqueuedDelivery[]>`
    INSERT INTO webhook_deliveries (organization_id, lab_result_id, endpoint_id, url, event_type, payload, sequence_number, status, next_attempt_at, updated_at)
    VALUES (${input.organizationId}::uuid, ${input.labResultId ?? null}::uuid, ${input.endpointId ?? null}::uuid, ${input.url}, ${input.eventType},
      ${JSON.stringify(input.payload)}::jsonb, ${input.sequenceNumber ?? null}::int, 'pending', ${new Date()}::timestamptz, now())
    RETURNING id, organization_id AS "organizationId", attempts, next_attempt_at AS "nextAttemptAt", sequence_number AS "sequenceNumber"`;
  return delivery;
}

/** A delivery as written to the outbox: what announcing it needs, and its place in its stream. */
export type EnqueuedDelivery = Pick<WebhookDelivery, "id" | "organizationId" | "attempts" | "nextAttemptAt" | "sequenceNumber">;

/** Where an event goes: the ad-hoc `webhookUrl` when given, and every enabled endpoint subscribed to it. */
export interface Destination {
  url: string;
  endpointId: string | null;
}

/**
 * SQL that is true when an enabled endpoint of the organisation is subscribed to `eventType` — the test of
 * `destinations`, for a statement that acts only when nobody listens (lib/labs/pipeline/jobs.ts).
 */
export function subscribedSql(organizationId: string, eventType: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.organization_id = ${organizationId}::uuid AND e.enabled
    AND e.deleted_at IS NULL AND (cardinality(e.events) = 0 OR e.events @> ARRAY[${eventType}]::text[]))`;
}

/**
 * Everyone who should hear an event: the ad-hoc `webhookUrl` when given, and every enabled endpoint of the
 * organisation subscribed to `eventType` (an endpoint with no events listed hears all). Lets a caller skip
 * building a payload nobody will receive.
 */
export async function destinations(tx: Tx, input: { organizationId: string; eventType: string; webhookUrl?: string | null }): Promise<Destination[]> {
  const endpoints = (await enabledEndpoints(tx, input.organizationId)).filter((e) => e.events.length === 0 || e.events.includes(input.eventType));
  return [...(input.webhookUrl ? [{ url: input.webhookUrl, endpointId: null }] : []), ...endpoints.map((e) => ({ url: e.url, endpointId: e.id }))];
}

type EnabledEndpoint = { id: string; url: string; events: string[] };
const endpointsInTransaction = new WeakMap<Tx, Map<string, Promise<EnabledEndpoint[]>>>();

/**
 * The organisation's enabled endpoints, oldest first, read once per transaction: a lab's end sends two events
 * (`labResultsComplete` and `lab.results_ready`) and a job's move two more, each asking who listens. Outside a
 * transaction (`db` itself) every call reads afresh.
 */
function enabledEndpoints(tx: Tx, organizationId: string): Promise<EnabledEndpoint[]> {
  // Raw: every state change that may send a webhook asks, and Prisma's query building cost more than the read.
  const read = () =>
    tx.$queryRaw<EnabledEndpoint[]>`
      SELECT id, url, events FROM webhook_endpoints WHERE organization_id = ${organizationId}::uuid AND enabled AND deleted_at IS NULL ORDER BY created_at`;
  if ((tx as unknown) === db) return read();
  const ofTransaction = endpointsInTransaction.get(tx) ?? new Map<string, Promise<EnabledEndpoint[]>>();
  endpointsInTransaction.set(tx, ofTransaction);
  const endpoints = ofTransaction.get(organizationId) ?? read();
  ofTransaction.set(organizationId, endpoints);
  return endpoints;
}

/** Fans one event out to its destinations (see `destinations`), one delivery each. */
export async function enqueueEvent(
  tx: Tx,
  input: Omit<DeliveryInput, "url" | "endpointId"> & { webhookUrl?: string | null },
  to?: Destination[],
): Promise<EnqueuedDelivery[]> {
  const { webhookUrl, ...event } = input;
  const deliveries: EnqueuedDelivery[] = [];
  for (const destination of to ?? (await destinations(tx, { ...event, webhookUrl }))) {
    deliveries.push(await enqueueDelivery(tx, { ...event, ...destination }));
  }
  return deliveries;
}

/** The lab result's next webhook sequence number, reserved in the caller's transaction (row-locked until commit). */
export async function allocateSequenceNumber(tx: Tx, lab: { id: string; organizationId: string }): Promise<number> {
  const [row] = await tx.$queryRaw<{ webhookSequence: number }[]>`
    UPDATE lab_results SET webhook_sequence = webhook_sequence + 1, updated_at = now()
     WHERE id = ${lab.id}::uuid AND organization_id = ${lab.organizationId}::uuid RETURNING webhook_sequence AS "webhookSequence"`;
  if (!row) throw rowNotFound("lab result in its organisation");
  return row.webhookSequence;
}

type Announceable = Pick<WebhookDelivery, "id" | "organizationId" | "attempts"> & { nextAttemptAt: Date | string | null };

/**
 * The event id for announcing a delivery in its current state. The same due delivery always gets the same
 * id (so Inngest and the embedded executor start one run however often it is announced); a woken, requeued
 * or replayed delivery has a new `nextAttemptAt` or attempt count, so a new id and a new run.
 */
export function announcementId(delivery: Announceable): string {
  const due = delivery.nextAttemptAt === null ? "parked" : new Date(delivery.nextAttemptAt).getTime();
  return `webhook-delivery-${delivery.id}-${delivery.attempts}-${due}`;
}

export function announcement(delivery: Announceable) {
  return webhookDeliveryCreated.create({ deliveryId: delivery.id, organizationId: delivery.organizationId }, { id: announcementId(delivery) });
}

const SWEEP_BATCH = 500;

/**
 * Announces due deliveries: those named by `ids` (call it after the transaction that enqueued them
 * commits), or, without `ids`, every pending delivery that is due — the sweep, which also wakes streams
 * whose head was left parked. Safe to repeat. Never throws for a failed send (the rows stay pending and
 * the next sweep announces them); returns how many deliveries were announced.
 */
export async function dispatchPending(options: { ids?: string[]; limit?: number } = {}): Promise<number> {
  try {
    if (!options.ids) {
      await requeueAbandonedClaims();
      await wakeParkedStreams();
    }
    // Every committed state change that enqueued a webhook runs this: a prepared statement (lib/db/prepared.ts).
    // Due by this process's clock, which set `next_attempt_at` (the database's may differ).
    const due = await pooledSql<Announceable>(Prisma.sql`
      SELECT id, organization_id AS "organizationId", attempts, next_attempt_at AS "nextAttemptAt" FROM webhook_deliveries
       WHERE status = 'pending' AND next_attempt_at <= ${new Date()}::timestamptz ${options.ids ? Prisma.sql`AND id = ANY(${options.ids}::uuid[])` : Prisma.empty}
       ORDER BY next_attempt_at, sequence_number NULLS LAST LIMIT ${options.limit ?? SWEEP_BATCH}`);
    if (!due.length) return 0;
    await publish(due.map(announcement));
    return due.length;
  } catch (error) {
    log.warn({ component: "webhooks", err: error }, "could not announce pending deliveries (the sweep will retry)");
    return 0;
  }
}

/**
 * How long a delivery may stay `delivering`: that is one attempt, at most the webhook timeout, so one still
 * `delivering` long after was claimed by a run that ended without attempting it (the crash test has seen a run
 * complete so, once in about ten), and its whole stream waits behind it.
 */
export function abandonedClaimAfterMs(): number {
  return Math.max(60_000, 3 * webhookSettings().timeoutMs);
}

/**
 * Safety net for such a claim: the delivery goes back to the outbox, due now, and this sweep announces it under
 * a new id (its due time changed), so a run of its own delivers it. At least once: if the run that claimed it
 * was only slow, the partner may receive it twice, under the one `webhook-id`.
 */
export async function requeueAbandonedClaims(): Promise<void> {
  const requeued = await db.webhookDelivery.updateMany({
    where: { status: "delivering", updatedAt: { lt: new Date(Date.now() - abandonedClaimAfterMs()) } },
    data: { status: "pending", nextAttemptAt: new Date(), lastError: "claimed by a delivery run that ended without attempting it; queued again" },
  });
  if (requeued.count) log.warn({ component: "webhooks", deliveries: requeued.count }, "deliveries claimed by runs that ended without attempting them were queued again");
}

/** Safety net for a delivery run that settled without waking the next one (it died before it could). */
async function wakeParkedStreams(): Promise<void> {
  const parked = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: null, labResultId: { not: null } },
    distinct: ["labResultId", "endpointId", "url"],
    select: { labResultId: true, endpointId: true, url: true },
    take: SWEEP_BATCH,
  });
  for (const delivery of parked) {
    const stream = streamOf(delivery);
    if (stream) await db.$transaction((tx) => wakeStreamHead(tx, stream));
  }
}

/**
 * Runs `dispatchPending` now and every `intervalMs` in this process, for as long as it lives (start it once
 * per app process: the run command / instrumentation). Several processes sweeping at once is harmless.
 * Returns a function that stops it.
 */
export function startOutboxSweeper(options: { intervalMs?: number } = {}): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      await dispatchPending();
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.intervalMs ?? 30_000);
  timer.unref();
  return () => clearInterval(timer);
}
