/**
 * The PHI access trail's batched writer: a read route's audit row is queued, not inserted on the request's
 * heels; rows are written together, one `INSERT` per batch, every FLUSH_INTERVAL_MS or as soon as
 * FLUSH_BATCH_ROWS are waiting. A clean shutdown (SIGTERM / SIGINT, however Next.js then exits) writes what
 * is left before the process ends (installAuditShutdownFlush). A batch the database refused is kept and
 * retried with the next one; only past MAX_PENDING_ROWS (a database down for long under load) are the oldest
 * rows given up, each logged. A batch the database refused is then written row by row through Prisma, so that
 * one row it can never take (its organisation deleted meanwhile) is given up alone.
 *
 * The queue lives on globalThis: Next.js bundles instrumentation and route handlers separately, and both must
 * see the same rows.
 */
import pg from "pg";
import { connectionLimits, db, poolConfig, Prisma } from "../db";
import { log } from "../log";

export const FLUSH_INTERVAL_MS = 100;
export const FLUSH_BATCH_ROWS = 200;
const MAX_PENDING_ROWS = 50_000;
/** How long a shutdown waits for the last rows before letting the process go. */
const SHUTDOWN_FLUSH_TIMEOUT_MS = 10_000;

export type AuditRow = Prisma.AuditEventCreateManyInput;

interface AuditQueue {
  rows: AuditRow[];
  /** Resolve once the row at the same index is written (or given up). */
  settled: (() => void)[];
  timer: ReturnType<typeof setTimeout> | null;
  flushing: Promise<void> | null;
  /** Set on shutdown: every row is written as soon as it is queued. */
  draining: boolean;
  shutdownHooked: boolean;
}

const globalForAudit = globalThis as unknown as { labwiseAuditQueue?: AuditQueue };

function queue(): AuditQueue {
  return (globalForAudit.labwiseAuditQueue ??= { rows: [], settled: [], timer: null, flushing: null, draining: false, shutdownHooked: false });
}

/** Queues one row; the promise resolves once it is written (or given up, logged) and never rejects. */
export function queueAuditRow(row: AuditRow): Promise<void> {
  return new Promise<void>((resolve) => addAuditRow(row, resolve));
}

const nothing = () => undefined;

/** Queues one row without a promise to wait on (the request path: one less promise per request). */
export function addAuditRow(row: AuditRow, settled: () => void = nothing): void {
  const q = queue();
  q.rows.push({ ...row, createdAt: row.createdAt ?? new Date() });
  q.settled.push(settled);
  if (q.rows.length > MAX_PENDING_ROWS) {
    const dropped = q.rows.splice(0, q.rows.length - MAX_PENDING_ROWS);
    for (const done of q.settled.splice(0, dropped.length)) done();
    for (const lost of dropped) log.error({ component: "audit", ...lost, detail: undefined }, "audit queue full: a PHI access row was given up");
  }
  if (q.draining || q.rows.length >= FLUSH_BATCH_ROWS) void flushAuditQueue();
  else q.timer ??= setTimeout(() => void flushAuditQueue(), FLUSH_INTERVAL_MS);
}

/** Rows waiting to be written (tests, shutdown). */
export function pendingAuditRows(): number {
  return queue().rows.length;
}

/**
 * Writes every queued row, in batches, and resolves when the queue was empty at least once (rows queued
 * meanwhile are written too). A refused batch goes back to the front of the queue for the next flush.
 */
export async function flushAuditQueue(): Promise<void> {
  const q = queue();
  if (q.timer) {
    clearTimeout(q.timer);
    q.timer = null;
  }
  while (q.flushing) await q.flushing;
  if (!q.rows.length) return;
  q.flushing = (async () => {
    while (q.rows.length) {
      const rows = q.rows.splice(0, FLUSH_BATCH_ROWS);
      const settled = q.settled.splice(0, rows.length);
      try {
        await insertRows(rows);
        for (const done of settled) done();
      } catch {
        // One row the database can never take (its organisation deleted meanwhile) must not hold up the rest:
        // row by row, such a row is logged and given up; the others, if the database is away, are kept.
        const kept = await writeOneByOne(rows, settled);
        if (kept.rows.length) {
          log.error({ component: "audit", rows: kept.rows.length }, "could not record PHI accesses; kept for the next attempt");
          q.rows.unshift(...kept.rows);
          q.settled.unshift(...kept.settled);
          if (!q.draining) q.timer ??= setTimeout(() => void flushAuditQueue(), FLUSH_INTERVAL_MS * 10);
          return;
        }
      }
    }
  })();
  try {
    await q.flushing;
  } finally {
    q.flushing = null;
  }
}

/**
 * One batch as one prepared `INSERT … SELECT FROM unnest(…)` on a small pool of its own: Prisma's createMany
 * compiles a query per batch, which under load cost more than the insert itself.
 */
async function insertRows(rows: AuditRow[]): Promise<void> {
  const column = <T>(pick: (row: AuditRow) => T) => rows.map(pick);
  await auditPool().query({
    name: "labwise_audit_batch",
    text: `INSERT INTO audit_events (organization_id, actor_type, actor_id, action, resource_type, resource_id, request_id, detail, created_at)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[])`,
    values: [
      column((r) => r.organizationId),
      column((r) => r.actorType),
      column((r) => r.actorId ?? null),
      column((r) => r.action),
      column((r) => r.resourceType),
      column((r) => r.resourceId ?? null),
      column((r) => r.requestId ?? null),
      column((r) => (r.detail === undefined || r.detail === null ? null : JSON.stringify(r.detail))),
      column((r) => (r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt ?? Date.now()))),
    ],
  });
}

const globalForPool = globalThis as unknown as { labwiseAuditPool?: pg.Pool };

function auditPool(): pg.Pool {
  if (!globalForPool.labwiseAuditPool) {
    const pool = new pg.Pool({ ...poolConfig(connectionLimits()), max: 2 });
    // An idle connection that fails is dropped by the pool; without a listener the error would be thrown.
    pool.on("error", () => undefined);
    globalForPool.labwiseAuditPool = pool;
  }
  return globalForPool.labwiseAuditPool;
}

async function writeOneByOne(rows: AuditRow[], settled: (() => void)[]) {
  const kept: { rows: AuditRow[]; settled: (() => void)[] } = { rows: [], settled: [] };
  for (const [i, row] of rows.entries()) {
    if (kept.rows.length) {
      kept.rows.push(row);
      kept.settled.push(settled[i]);
      continue;
    }
    try {
      await db.auditEvent.create({ data: row });
      settled[i]();
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError) {
        log.error({ component: "audit", ...row, detail: undefined, err: error }, "could not record a PHI access");
        settled[i]();
      } else {
        kept.rows.push(row);
        kept.settled.push(settled[i]);
      }
    }
  }
  return kept;
}

/** What the shutdown hook needs of the process: its signals and its exit (a fake in tests). */
export interface ShutdownTarget {
  once(signal: "SIGTERM" | "SIGINT", listener: () => void): unknown;
  exit: (code?: number) => never;
}

/**
 * On SIGTERM / SIGINT: from then on every row is written as soon as it is queued, what is queued is written
 * now, and whoever then ends the process (`process.exit` — Next.js does, once its server has closed) waits for
 * the rows first, up to SHUTDOWN_FLUSH_TIMEOUT_MS. Idempotent.
 */
export function installAuditShutdownFlush(target: ShutdownTarget = process as unknown as ShutdownTarget): void {
  const q = queue();
  if (q.shutdownHooked && target === (process as unknown as ShutdownTarget)) return;
  if (target === (process as unknown as ShutdownTarget)) q.shutdownHooked = true;
  const exit = target.exit.bind(target);
  let exiting = false;
  const drain = () => {
    q.draining = true;
    void flushAuditQueue();
  };
  target.once("SIGTERM", drain);
  target.once("SIGINT", drain);
  target.exit = ((code?: number) => {
    if (exiting) return undefined as never;
    exiting = true;
    q.draining = true;
    const timeout = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_TIMEOUT_MS).unref());
    void Promise.race([flushAuditQueue(), timeout]).finally(() => exit(code));
    return undefined as never;
  }) as ShutdownTarget["exit"];
}
