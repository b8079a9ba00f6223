/**
 * pipeline.run_inference and the end of the pipeline. run_inference stores the engine's derived values as
 * analytes marked `derived`, then its findings (with the guidance each retrieved) and the trends; the lab
 * becomes `ready` at the last step (with `labResultsComplete` and `lab.results_ready` in the outbox). The
 * failure path records a reason a person can act on (and `lab.failed`, which names no reason).
 */
import { CATALOGUE } from "../../clinical/catalogue";
import { interpret } from "../../clinical/interpret";
import type { PanelValue } from "../../clinical/panel";
import { db, Prisma } from "../../db";
import { pooledSql } from "../../db/prepared";
import { log } from "../../log";
import { readMetadata, writeFindings, writeMetadata } from "../codecs";
import { enqueueLabFailed, enqueueLabResultsReady, LAB_FIELDS } from "../lifecycle-webhooks";
import { runFailureReason } from "./failure";
import { settleJobsAfterFailure, succeedJob } from "./jobs";
import { enqueueCompleted, enqueueFailed, NOTIFIABLE, updateLabReportingSteps, withWebhooks } from "./notify";
import { loadPanel } from "./panel";
import type { PipelineLab } from "./pipeline-lab";
import { labNotFound, readStepLab } from "./step-lab";

/**
 * Replaces the lab's derived analytes with the ones its measured values allow now, so a retried step adds
 * nothing twice: one statement, which numbers them after the last measured analyte.
 */
async function storeDerived(labResultId: string, organizationId: string, derived: PanelValue[]): Promise<void> {
  const column = <T>(pick: (d: PanelValue) => T | null | undefined) => derived.map((d) => pick(d) ?? null);
  const catalogue = (d: PanelValue) => d.kind === "catalogue";
  await pooledSql(Prisma.sql`
    WITH gone AS (DELETE FROM analytes WHERE lab_result_id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid AND derived),
      last AS (SELECT coalesce(max(position), -1) AS position FROM analytes
                WHERE lab_result_id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid AND NOT derived)
    INSERT INTO analytes (organization_id, lab_result_id, position, raw_name, raw_value, raw_unit, notes, derived, loinc, display_name,
      category, value_number, unit, normalized_value, normalized_unit, reference_low, reference_high, reference_source, flag, observed_at)
    SELECT ${organizationId}::uuid, ${labResultId}::uuid, last.position + v.n, v.name, v.raw_value, v.unit, v.notes, true,
      v.loinc, v.name, v.category, v.value, v.unit, v.normalized_value, v.normalized_unit, v.reference_low, v.reference_high,
      v.reference_source, v.flag, v.observed_at
    FROM last, unnest(${column((d) => d.name)}::text[], ${column((d) => String(d.value))}::text[], ${column((d) => d.value)}::float8[],
      ${column((d) => d.unit)}::text[], ${column((d) => `Calculated: ${d.formula}`)}::text[], ${column((d) => CATALOGUE.find((c) => c.code === d.code)?.loinc[0])}::text[],
      ${column((d) => d.category)}::text[], ${column((d) => (catalogue(d) ? d.value : null))}::float8[],
      ${column((d) => (catalogue(d) ? d.unit : null))}::text[], ${column((d) => d.reference?.low)}::float8[],
      ${column((d) => d.reference?.high)}::float8[], ${column((d) => d.reference?.source)}::text[], ${column((d) => d.flag)}::text[],
      ${column((d) => d.observedAt?.toISOString())}::timestamptz[])
      WITH ORDINALITY AS v(name, raw_value, value, unit, notes, loinc, category, normalized_value, normalized_unit, reference_low, reference_high,
        reference_source, flag, observed_at, n)`);
}

export async function runInference({ labResultId, organizationId }: PipelineLab): Promise<{ findings: number; derived: number; insightsMatched: number }> {
  const lab = await readStepLab({ labResultId, organizationId });
  const { panel, patient, received } = await loadPanel({ labResultId, organizationId }, lab);
  const derived = panel.values.filter((v) => v.derived);
  await storeDerived(labResultId, organizationId, derived);
  const interpretation = interpret(panel, patient);
  // Prioritising, the search queries, the search and its results all happen in `interpret`: steps 3–6 of an
  // agent run are reported together, with the findings they produced.
  await updateLabReportingSteps(
    { labResultId, organizationId },
    {
      findings: writeFindings(interpretation.findings),
      labsAnalyzed: received,
      insightsMatched: interpretation.insightsMatched,
      metadata: writeMetadata({ ...readMetadata(lab.metadata, labResultId), trends: interpretation.trends }),
    },
    [3, 4, 5, 6],
  );
  return { findings: interpretation.findings.length, derived: derived.length, insightsMatched: interpretation.insightsMatched };
}

type CompletedLab = Prisma.LabResultGetPayload<{ select: typeof NOTIFIABLE & typeof LAB_FIELDS }>;

/** pipeline.dispatch_webhooks: the lab is `ready` and its final webhook is in the outbox, in one transaction. */
export async function completeLab({ labResultId, organizationId }: PipelineLab): Promise<{ webhooks: number }> {
  return withWebhooks(async (tx) => {
    // This step's own job is done once the lab is ready and its webhooks are in the outbox: one transaction.
    const jobDone = await succeedJob(tx, { labResultId, organizationId }, "dispatch_webhooks");
    // Raw, in the transaction: every lab ends here, and Prisma's query building cost more than the update.
    const [lab] = await tx.$queryRaw<CompletedLab[]>`
      UPDATE lab_results SET status = 'ready', completed_at = ${new Date()}::timestamptz, failure_reason = NULL, updated_at = now()
       WHERE id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid
      RETURNING id, organization_id AS "organizationId", source::text AS source, webhook_url AS "webhookUrl", status::text AS status,
        member_id AS "memberId", partner_submission_id AS "partnerSubmissionId", labs_received AS "labsReceived", labs_analyzed AS "labsAnalyzed"`;
    if (!lab) throw labNotFound();
    const final = [...(await enqueueCompleted(tx, lab)), ...(await enqueueLabResultsReady(tx, { labResultId, organizationId }, lab))];
    return { value: { webhooks: final.length }, deliveries: [...jobDone, ...final] };
  });
}

export async function failLab({ labResultId, organizationId }: PipelineLab, reason: string): Promise<void> {
  await withWebhooks(async (tx) => {
    const { count } = await tx.labResult.updateMany({
      where: { id: labResultId, organizationId, status: { not: "ready" } },
      data: { status: "failed", failureReason: reason.slice(0, 1000), completedAt: new Date() },
    });
    if (!count) return { value: undefined, deliveries: [] };
    const lab = await tx.labResult.findFirstOrThrow({ where: { id: labResultId, organizationId }, select: NOTIFIABLE });
    const deliveries = [...(await enqueueFailed(tx, lab, reason.slice(0, 1000))), ...(await enqueueLabFailed(tx, { labResultId, organizationId }))];
    return { value: undefined, deliveries };
  });
}

/**
 * The run gave up: settles its jobs and fails the lab with the failed job's public reason, or — for an
 * unexpected error — a generic sentence with a reference, never the error's own text (failure.ts).
 */
export async function recordRunFailure({ labResultId, organizationId }: PipelineLab, run: { retriesExhausted: boolean; attempts: number; error: Error }): Promise<string> {
  const failedJob = await db.job.findFirst({
    where: { labResultId, organizationId, status: { in: ["failed", "running"] } },
    orderBy: { updatedAt: "desc" },
    select: { lastError: true, errorDetail: true },
  });
  if (!failedJob) log.error({ component: "pipeline", labResultId, reference: labResultId, err: run.error }, "the run failed outside its steps");
  const reason = runFailureReason(failedJob, { ...run, reference: labResultId });
  await settleJobsAfterFailure({ labResultId, organizationId }, run.retriesExhausted);
  await failLab({ labResultId, organizationId }, reason);
  return reason;
}
