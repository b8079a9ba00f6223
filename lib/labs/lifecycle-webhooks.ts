/**
 * The lab lifecycle events (lib/webhooks/event-types.ts `LAB_EVENT`) for uploads and submissions: written to
 * the outbox in the caller's transaction — the one that makes the state change they report — for every
 * enabled endpoint of the organisation subscribed to the type, and announced after commit (`withWebhooks`,
 * ./pipeline/notify.ts; registration calls `dispatchPending` itself). Each event takes the lab's next
 * `sequenceNumber`, so its deliveries reach each endpoint in order (lib/webhooks/ordering.ts).
 *
 * Agent runs are left out: they report through seed 003's own events, whose sequence numbers a partner
 * expects to run 1…8 without gaps. Payloads carry ids and statuses only (lib/webhooks/lifecycle-payloads.ts).
 */
import type { JobType, LabSource, Prisma, Tx } from "../db";
import { allocateSequenceNumber, destinations, enqueueEvent } from "../webhooks";
import { LAB_EVENT } from "../webhooks/event-types";
import { jobStatusChanged, labAccepted, labFailed, labResultsReady, type JobStatusChange, type LabEventData } from "../webhooks/lifecycle-payloads";
import { webhookPayload } from "../webhooks/payload";
import { JOB_TYPE_SLUG } from "./pipeline-steps";

export interface LifecycleLab {
  labResultId: string;
  organizationId: string;
}

type LifecycleSource = LabEventData["source"];
const hasLifecycleEvents = (source: LabSource): source is LifecycleSource => source === "upload" || source === "submission";

/** The lab's columns an event is built from; a caller that has just written the lab may select them with its write. */
export const LAB_FIELDS = { id: true, organizationId: true, source: true, status: true, memberId: true, partnerSubmissionId: true, labsReceived: true, labsAnalyzed: true } as const;
type LabFields = Prisma.LabResultGetPayload<{ select: typeof LAB_FIELDS }>;

/**
 * Writes one event to every subscribed endpoint; returns the delivery ids to announce after commit. `row` is the
 * lab's LAB_FIELDS as the caller's transaction just wrote them, when it has them.
 */
async function enqueueLifecycle(
  tx: Tx,
  { labResultId, organizationId }: LifecycleLab,
  eventType: string,
  build: (data: LabEventData, lab: { labsReceived: number | null; labsAnalyzed: number | null }) => object,
  row?: LabFields,
): Promise<string[]> {
  // Most organisations have no endpoint: ask that first, before touching the lab row.
  const to = await destinations(tx, { organizationId, eventType });
  if (!to.length) return [];
  const lab = row ?? (await tx.labResult.findFirstOrThrow({ where: { id: labResultId, organizationId }, select: LAB_FIELDS }));
  if (!hasLifecycleEvents(lab.source)) return [];
  const sequenceNumber = await allocateSequenceNumber(tx, lab);
  const data: LabEventData = {
    labResultId: lab.id,
    source: lab.source,
    status: lab.status,
    memberId: lab.memberId,
    partnerSubmissionId: lab.partnerSubmissionId,
    sequenceNumber,
  };
  const deliveries = await enqueueEvent(tx, { organizationId, labResultId: lab.id, eventType, payload: webhookPayload(build(data, lab)), sequenceNumber }, to);
  return deliveries.map((d) => d.id);
}

/** `lab.accepted`: in the transaction that creates the lab result (an upload's registration, a submission). */
export function enqueueLabAccepted(tx: Tx, lab: LifecycleLab): Promise<string[]> {
  return enqueueLifecycle(tx, lab, LAB_EVENT.accepted, (data) => labAccepted(data));
}

/** `lab.job_status_changed`: in the transaction that changes the job's status. */
export function enqueueJobStatusChanged(tx: Tx, lab: LifecycleLab, job: { id: string; type: JobType; status: JobStatusChange["status"]; attempt: number }): Promise<string[]> {
  return enqueueLifecycle(tx, lab, LAB_EVENT.jobStatusChanged, (data) =>
    jobStatusChanged(data, { id: job.id, type: JOB_TYPE_SLUG[job.type], status: job.status, attempt: job.attempt }),
  );
}

/** `lab.results_ready`: in the transaction that makes the lab `ready` (`row`: the lab as that transaction wrote it). */
export function enqueueLabResultsReady(tx: Tx, lab: LifecycleLab, row?: LabFields): Promise<string[]> {
  return enqueueLifecycle(tx, lab, LAB_EVENT.resultsReady, (data, counts) => labResultsReady(data, { labsReceived: counts.labsReceived, labsAnalyzed: counts.labsAnalyzed }), row);
}

/** `lab.failed`: in the transaction that makes the lab `failed`; names the step that failed, never the reason. */
export async function enqueueLabFailed(tx: Tx, lab: LifecycleLab): Promise<string[]> {
  const failedJob = await tx.job.findFirst({
    where: { labResultId: lab.labResultId, organizationId: lab.organizationId, status: { in: ["failed", "dead_letter"] } },
    orderBy: { updatedAt: "desc" },
    select: { type: true },
  });
  return enqueueLifecycle(tx, lab, LAB_EVENT.failed, (data) => labFailed(data, failedJob ? JOB_TYPE_SLUG[failedJob.type] : null));
}
