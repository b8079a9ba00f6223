/**
 * The organisation's concurrent-run limit for the Lab Results Agent (seed 003: "429 when your company has
 * reached its concurrent request limit", DESIGN §5.4, §9 "concurrency limit enforced under a burst").
 *
 * A run is in flight while its lab result is `pending` or `processing`; once `ready` or `failed` it frees its
 * slot by no longer being counted, so there is no counter to leak. Admission counts and creates in one
 * transaction holding a PostgreSQL advisory lock on the organisation: two requests of a burst cannot both
 * see the last free slot (counting alone, even at SERIALIZABLE, would need retries; the lock makes the
 * critical section a queue). The lock is transaction-scoped, so it is released on commit or rollback.
 *
 * A run admitted but never started would hold its slot for ever: admission fails those first (see
 * `failUnstartedRuns`), in statements of their own so that a 429 does not roll the reaping back.
 */
import { db, type Prisma, type Tx } from "../db";
import { AppError } from "../http/errors";
import { log } from "../log";
import { CONCURRENCY_HEADERS, concurrencyHeaders, type ConcurrencyUsage } from "./serializers";

/** What a rejected partner is told to wait. Runs here take seconds, so a short constant beats an estimate. */
export const RETRY_AFTER_SECONDS = 5;

const IN_FLIGHT: Prisma.LabResultWhereInput = { source: "agent_run", status: { in: ["pending", "processing"] } };

/** A burst queues on the lock; give the queue time rather than failing on Prisma's 2 s / 5 s defaults. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/**
 * How long a run may stay `pending` without a workflow before it counts as never started. Starting takes
 * milliseconds (the event is sent right after admission commits, with the SDK's own few retries), so a run
 * still unstarted after a minute was left by a process that stopped in between.
 */
export const UNSTARTED_RUN_GRACE_MS = 60_000;

export const UNSTARTED_RUN_REASON =
  "The analysis was never started: the service stopped between accepting this run and starting it. Please submit the labs again.";

/**
 * Fails the organisation's runs that were admitted but never started (`pending`, no workflow id, older than
 * UNSTARTED_RUN_GRACE_MS), freeing their slots, and cancels their pending jobs. Failed rather than started
 * now: the partner was never given the run's id (the answer goes out only after the start), so it has
 * submitted again if at all, and analysing the orphan would send webhooks about a run it does not know.
 * Failing sends none. Each statement re-checks the run's state, so a run that starts meanwhile is left alone.
 * Returns how many runs were failed.
 */
export async function failUnstartedRuns(organizationId: string, now = new Date()): Promise<number> {
  const unstarted: Prisma.LabResultWhereInput = {
    organizationId,
    source: "agent_run",
    status: "pending",
    workflowId: null,
    createdAt: { lt: new Date(now.getTime() - UNSTARTED_RUN_GRACE_MS) },
  };
  const [failed] = await db.$transaction([
    db.labResult.updateMany({ where: unstarted, data: { status: "failed", failureReason: UNSTARTED_RUN_REASON, completedAt: now } }),
    db.job.updateMany({
      where: { organizationId, status: { in: ["pending", "queued"] }, labResult: { status: "failed", failureReason: UNSTARTED_RUN_REASON } },
      data: { status: "cancelled" },
    }),
  ]);
  if (failed.count) log.warn({ component: "agents", organizationId, runs: failed.count }, "failed agent runs that were admitted but never started");
  return failed.count;
}

async function usageIn(tx: Tx, organizationId: string): Promise<ConcurrencyUsage> {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { concurrentRunLimit: true } });
  const active = await tx.labResult.count({ where: { organizationId, ...IN_FLIGHT } });
  return { limit: organization.concurrentRunLimit, active };
}

/** The organisation's limit and runs in flight now. */
export function concurrencyUsage(organizationId: string): Promise<ConcurrencyUsage> {
  return usageIn(db, organizationId);
}

/**
 * Runs `create` (which must create the in-flight lab result) if the organisation has a free slot, and returns
 * its value with the usage including the new run; otherwise throws 429 with `Retry-After` and the usage.
 */
export async function admitAgentRun<T>(organizationId: string, create: (tx: Tx) => Promise<T>): Promise<{ value: T; usage: ConcurrencyUsage }> {
  await failUnstartedRuns(organizationId);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`agent-admission:${organizationId}`}, 0))`;
    const usage = await usageIn(tx, organizationId);
    if (usage.active >= usage.limit) {
      throw new AppError(
        "RATE_LIMITED",
        `Your organisation has ${usage.active} lab analyses in progress, its concurrent limit of ${usage.limit}; retry after ${RETRY_AFTER_SECONDS} seconds`,
        { headers: { ...concurrencyHeaders(usage), "Retry-After": String(RETRY_AFTER_SECONDS) } },
      );
    }
    const value = await create(tx);
    return { value, usage: { limit: usage.limit, active: usage.active + 1 } };
  }, TRANSACTION_OPTIONS);
}

/**
 * Seed 003 puts the concurrency headers on every answer a partner gets past authentication, including a 400
 * or 413 that `route()` renders before the handler runs (used as the route's `decorate`). Those answers carry
 * the organisation's usage as it is now; 200 and 429 already carry the usage admission saw.
 */
export async function addConcurrencyHeaders(response: Response, principal: { organizationId: string }): Promise<void> {
  if (response.headers.has(CONCURRENCY_HEADERS.limit)) return;
  const headers = concurrencyHeaders(await concurrencyUsage(principal.organizationId));
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
}
