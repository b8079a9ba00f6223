/**
 * The steps of one delivery run (inngest/functions/webhooks/deliver-webhook.ts calls each inside its own
 * `step.run`): claim the delivery, make attempts until one succeeds or the schedule is spent, then let the
 * next delivery of its stream go. Each returns plain JSON, which the run memoises.
 *
 * Statuses: `pending` (in the outbox; parked when `nextAttemptAt` is null) → `delivering` (an attempt in
 * flight) → `succeeded`, or `failed` (waiting for its next attempt at `nextAttemptAt`) → … → `dead_letter`
 * when the attempts are spent or the URL is refused. `replayDelivery` puts a settled one back to `pending`.
 */
import { db, type DeliveryStatus, type Prisma } from "../db";
import { preparedRows, rowNotFound } from "../db/prepared";
import { webhookSettings } from "./config";
import { postWebhook, type AttemptResult } from "./http-post";
import { getOrganizationSecret } from "./organization-secret";
import { lockStream, lockStreamOfDelivery, openSql, othersOpenInStream, sameStreamSql, streamHead, streamOf, streamOrderSql, wakeStreamHead, type Stream } from "./ordering";
import { stampSendTime } from "./payload";
import { openSecretSet } from "./sealed-secrets";
import { activeSecrets, signatureHeaders } from "./signing";

export const SETTLED_STATUSES: DeliveryStatus[] = ["succeeded", "dead_letter"];

/** A delivery as its announcement names it: every read and write keeps to that organisation. */
export interface DeliveryRef {
  deliveryId: string;
  organizationId: string;
}

const whereRef = ({ deliveryId, organizationId }: DeliveryRef) => ({ id: deliveryId, organizationId });

/** The stream `ref` belongs to; null when there is no such delivery or it belongs to no stream. */
async function streamOfRef(ref: DeliveryRef): Promise<Stream | null> {
  const delivery = await db.webhookDelivery.findFirst({ where: whereRef(ref), select: { labResultId: true, endpointId: true, url: true } });
  return delivery && streamOf(delivery);
}

export type Claim =
  | { action: "deliver"; retryDelaysMs: number[] }
  /** Parked behind an earlier delivery of its stream, which wakes it when it settles. */
  | { action: "wait" }
  /** Already settled, or being retried by another run. */
  | { action: "skip"; status: DeliveryStatus }
  | { action: "missing" };

/**
 * Takes a due delivery for this run. Returns the retry schedule to use (read once here, so the run's steps
 * do not change if the environment does while it sleeps). Under its stream's lock, one statement decides and
 * writes: a pending delivery that heads its stream becomes `delivering`; one behind an earlier open delivery
 * is parked (no due time) until that one settles and wakes it; `delivering` is this run's own claim, repeated
 * because its result was lost, and carries on.
 */
export async function claimDelivery(ref: DeliveryRef): Promise<Claim> {
  return db.$transaction(async (tx): Promise<Claim> => {
    if (!(await lockStreamOfDelivery(tx, ref.deliveryId, ref.organizationId))) return { action: "missing" };
    const [row] = await tx.$queryRaw<{ before: DeliveryStatus; after: DeliveryStatus | null }[]>`
      WITH me AS (SELECT * FROM webhook_deliveries WHERE id = ${ref.deliveryId}::uuid AND organization_id = ${ref.organizationId}::uuid),
        head AS (SELECT n.id FROM webhook_deliveries n, me WHERE ${sameStreamSql("n", "me")} AND ${openSql("n")} ORDER BY ${streamOrderSql("n")} LIMIT 1),
        moved AS (
          UPDATE webhook_deliveries d
             SET status = CASE WHEN coalesce((SELECT id FROM head), d.id) = d.id THEN 'delivering'::delivery_status ELSE d.status END,
                 next_attempt_at = NULL, updated_at = now()
            FROM me WHERE d.id = me.id AND me.status = 'pending'
          RETURNING d.status::text AS status)
      SELECT me.status::text AS before, (SELECT status FROM moved) AS after FROM me`;
    if (!row) return { action: "missing" };
    if (SETTLED_STATUSES.includes(row.before) || row.before === "failed") return { action: "skip", status: row.before };
    if (row.after === "pending") return { action: "wait" };
    return { action: "deliver", retryDelaysMs: webhookSettings().retryDelaysMs };
  });
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  attempt: number;
  /** When the next attempt is due (ISO), for `failed`. */
  nextAttemptAt: string | null;
}

/**
 * One signed POST, recorded as a WebhookAttempt. `retryDelayMs` is how long to wait before the next attempt
 * if this one fails, or null when it is the last of the schedule (a failure then dead-letters). A URL the
 * guard refuses, or a disabled endpoint, dead-letters at once: retrying cannot help, replaying can once
 * the partner has fixed it.
 */
export async function attemptDelivery(ref: DeliveryRef, retryDelayMs: number | null): Promise<AttemptOutcome> {
  const delivery = await readForAttempt(ref);
  const deliveryId = delivery.id;
  if (SETTLED_STATUSES.includes(delivery.status)) return { status: delivery.status, attempt: delivery.attempts, nextAttemptAt: null };
  const attempt = delivery.attempts + 1;
  // A first attempt follows the claim, which already marked it `delivering`; a retry was `failed`.
  if (delivery.status !== "delivering") await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "delivering" } });

  let result: AttemptResult;
  let sent: { sentAt: Date; signature: string } | null = null;
  if (delivery.endpoint && (delivery.endpoint.deletedAt || !delivery.endpoint.enabled)) {
    const error = delivery.endpoint.deletedAt ? "the webhook endpoint was deleted" : "the webhook endpoint is disabled";
    result = { ok: false, statusCode: null, latencyMs: 0, responseExcerpt: null, error, refused: true };
  } else {
    const secrets = activeSecrets(delivery.endpoint ? openSecretSet(delivery.endpoint) : await getOrganizationSecret(delivery.organizationId));
    const sentAt = new Date();
    const body = JSON.stringify(stampSendTime(delivery.payload, sentAt));
    const settings = webhookSettings();
    const headers = signatureHeaders({ id: delivery.id, body, secrets, timestamp: sentAt });
    sent = { sentAt, signature: headers["webhook-signature"] };
    result = await postWebhook(delivery.url, body, { ...headers }, { timeoutMs: settings.timeoutMs, allowedHosts: settings.allowedHosts });
  }

  const status: DeliveryStatus = result.ok ? "succeeded" : result.refused || retryDelayMs === null ? "dead_letter" : "failed";
  const nextAttemptAt = status === "failed" ? new Date(Date.now() + retryDelayMs!) : null;
  // The attempt (with the headers as sent, for the delivery log; webhook-id is the delivery's id) and the
  // delivery's new state, in one statement.
  await db.$executeRaw`
    WITH recorded AS (
      INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms, response_excerpt, error, sent_at, signature)
      VALUES (${deliveryId}::uuid, ${attempt}, ${result.statusCode}::int, ${result.latencyMs}, ${result.responseExcerpt}::text, ${result.error}::text,
        ${sent?.sentAt ?? null}::timestamptz, ${sent?.signature ?? null}::text))
    UPDATE webhook_deliveries SET status = ${status}::delivery_status, attempts = ${attempt}, next_attempt_at = ${nextAttemptAt}::timestamptz,
      last_status_code = ${result.statusCode}::int, last_error = ${result.error}::text,
      delivered_at = coalesce(${result.ok ? new Date() : null}::timestamptz, delivered_at), updated_at = now()
    WHERE id = ${deliveryId}::uuid`;
  return { status, attempt, nextAttemptAt: nextAttemptAt?.toISOString() ?? null };
}

/** A delivery as an attempt reads it: what to send where, and its endpoint's state and secrets (if it has one). */
interface AttemptedDelivery {
  id: string;
  organizationId: string;
  status: DeliveryStatus;
  attempts: number;
  url: string;
  payload: Prisma.JsonValue;
  endpoint: { enabled: boolean; deletedAt: Date | null; secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null } | null;
}

/** Every attempt reads its delivery first: a prepared statement (lib/db/prepared.ts), with the endpoint joined. */
const ATTEMPTED_DELIVERY = {
  name: "labwise_attempted_delivery",
  text: `SELECT d.id, d.organization_id AS "organizationId", d.status::text AS status, d.attempts, d.url, d.payload,
      e.id AS "endpointId", e.enabled, e.deleted_at AS "deletedAt", e.secret, e.previous_secret AS "previousSecret",
      e.previous_secret_expires_at AS "previousSecretExpiresAt"
    FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.organization_id = d.organization_id
   WHERE d.id = $1::uuid AND d.organization_id = $2::uuid`,
};

async function readForAttempt({ deliveryId, organizationId }: DeliveryRef): Promise<AttemptedDelivery> {
  type Row = Omit<AttemptedDelivery, "endpoint"> & { endpointId: string | null } & NonNullable<AttemptedDelivery["endpoint"]>;
  const [row] = await preparedRows<Row>(ATTEMPTED_DELIVERY, [deliveryId, organizationId]);
  if (!row) throw rowNotFound("webhook delivery");
  const { endpointId, enabled, deletedAt, secret, previousSecret, previousSecretExpiresAt, ...delivery } = row;
  return { ...delivery, endpoint: endpointId ? { enabled, deletedAt, secret, previousSecret, previousSecretExpiresAt } : null };
}

/**
 * After a delivery settles: wakes the next delivery of its stream if it was parked behind this one, and
 * returns it for the run to announce (`announcement` in ./outbox.ts).
 */
export async function releaseStream(ref: DeliveryRef) {
  const stream = await streamOfRef(ref);
  if (!stream) return [];
  const woken = await db.$transaction((tx) => wakeStreamHead(tx, stream));
  return woken ? [{ id: woken.id, organizationId: woken.organizationId, attempts: woken.attempts, nextAttemptAt: woken.nextAttemptAt!.toISOString() }] : [];
}

/**
 * How long a delivery handed on to the run that delivered the one before it (`takeNextOfStream`) is kept from
 * the outbox sweep. That run delivers it within milliseconds; if it dies first, the sweep announces it after
 * this and a run of its own delivers it.
 */
export const HANDED_ON_GRACE_MS = 30_000;

/**
 * When `ref` has settled, the next delivery of its stream for the same run to deliver, instead of waking it
 * and announcing it to a run of its own (one executor round trip per webhook, which a lab's or an agent run's
 * in-order stream pays for each of its events). Taken only if it is parked behind `ref` (nobody else will
 * deliver it) or was already taken by this step before (a re-run of the step after its result was lost: the
 * reservation holds it for this run); a head that is due or being delivered belongs to another run. Null
 * when there is nothing to take, and then nothing to wake either: a parked head is always taken.
 */
export async function takeNextOfStream(ref: DeliveryRef): Promise<DeliveryRef | null> {
  // Most streams (a lab's one `lab.results_ready`) have nothing after the delivery that just settled.
  if (!(await othersOpenInStream(ref.deliveryId, ref.organizationId))) return null;
  const stream = await streamOfRef(ref);
  if (!stream) return null;
  return db.$transaction(async (tx) => {
    await lockStream(tx, stream);
    const head = await streamHead(tx, stream);
    if (!head || head.id === ref.deliveryId || head.status !== "pending") return null;
    const now = Date.now();
    const parked = head.nextAttemptAt === null;
    const reserved = head.nextAttemptAt !== null && head.nextAttemptAt.getTime() > now && head.attempts === 0;
    if (!parked && !reserved) return null;
    await tx.webhookDelivery.update({ where: { id: head.id }, data: { nextAttemptAt: new Date(now + HANDED_ON_GRACE_MS) } });
    return { deliveryId: head.id, organizationId: head.organizationId };
  });
}

/** How long a delivery whose run failed waits before the sweep announces it again. */
const REQUEUE_DELAY_MS = 60_000;

/**
 * A delivery run failed for a reason of our own (its steps threw until Inngest gave up, e.g. the database
 * was unreachable): the delivery goes back to the outbox, due in a minute, so it is not lost. So does the
 * delivery of its stream the run had been handed on to (`takeNextOfStream`) and was delivering when it
 * failed: the stream's one delivery in flight or waiting for a retry, since only a stream's head is.
 */
export async function requeueAfterRunFailure(ref: DeliveryRef, reason: string): Promise<void> {
  const data = { status: "pending" as const, nextAttemptAt: new Date(Date.now() + REQUEUE_DELAY_MS), lastError: `delivery run failed, queued again: ${reason}` };
  await db.webhookDelivery.updateMany({ where: { ...whereRef(ref), status: { in: ["pending", "delivering", "failed"] } }, data });
  const stream = await streamOfRef(ref);
  if (stream) {
    await db.webhookDelivery.updateMany({ where: { ...stream.where, organizationId: ref.organizationId, status: { in: ["delivering", "failed"] } }, data });
  }
}
