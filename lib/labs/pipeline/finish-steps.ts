/**
 * pipeline.run_inference and the end of the pipeline. run_inference stores the engine's derived values as
 * analytes marked `derived`, then its findings (with the guidance each retrieved) and the trends; the lab
 * becomes `ready` at the last step (with `labResultsComplete` and `lab.results_ready` in the outbox). The
 * failure path records a reason a person can act on (and `lab.failed`, which names no reason).
 */
import { CATALOGUE } from "../../clinical/catalogue";
import { interpret } from "../../clinical/interpret";
import type { PanelValue } from "../../clinical/panel";
import { db } from "../../db";
import { log } from "../../log";
import { readMetadata, writeFindings, writeMetadata } from "../codecs";
import { enqueueLabFailed, enqueueLabResultsReady } from "../lifecycle-webhooks";
import { runFailureReason } from "./failure";
import { settleJobsAfterFailure, succeedJob } from "./jobs";
import { enqueueCompleted, enqueueFailed, enqueueSteps, NOTIFIABLE, withWebhooks } from "./notify";
import { loadPanel } from "./panel";
import type { PipelineLab } from "./pipeline-lab";

/**
 * Replaces the lab's derived analytes with the ones its measured values allow now, so a retried step adds
 * nothing twice.
 */
async function storeDerived(labResultId: string, organizationId: string, derived: PanelValue[]): Promise<void> {
  const position = (await db.analyte.aggregate({ where: { labResultId, organizationId, derived: false }, _max: { position: true } }))._max.position ?? -1;
  await db.$transaction([
    db.analyte.deleteMany({ where: { labResultId, organizationId, derived: true } }),
    db.analyte.createMany({
      data: derived.map((d, i) => ({
        organizationId,
        labResultId,
        position: position + 1 + i,
        rawName: d.name,
        rawValue: String(d.value),
        rawUnit: d.unit,
        notes: `Calculated: ${d.formula}`,
        derived: true,
        loinc: CATALOGUE.find((c) => c.code === d.code)?.loinc[0] ?? null,
        displayName: d.name,
        category: d.category,
        valueNumber: d.value,
        unit: d.unit,
        normalizedValue: d.kind === "catalogue" ? d.value : null,
        normalizedUnit: d.kind === "catalogue" ? d.unit : null,
        referenceLow: d.reference?.low,
        referenceHigh: d.reference?.high,
        referenceSource: d.reference?.source,
        flag: d.flag,
        observedAt: d.observedAt,
      })),
    }),
  ]);
}

export async function runInference({ labResultId, organizationId }: PipelineLab): Promise<{ findings: number; derived: number; insightsMatched: number }> {
  const lab = await db.labResult.findFirstOrThrow({ where: { id: labResultId, organizationId }, select: { ...NOTIFIABLE, metadata: true } });
  const { panel, patient, received } = await loadPanel({ labResultId, organizationId });
  const derived = panel.values.filter((v) => v.derived);
  await storeDerived(labResultId, lab.organizationId, derived);
  const interpretation = interpret(panel, patient);
  // Prioritising, the search queries, the search and its results all happen in `interpret`: steps 3–6 of an
  // agent run are reported together, with the findings they produced.
  await withWebhooks(async (tx) => {
    await tx.labResult.update({
      where: { id: labResultId, organizationId },
      data: {
        findings: writeFindings(interpretation.findings),
        labsAnalyzed: received,
        insightsMatched: interpretation.insightsMatched,
        metadata: writeMetadata({ ...readMetadata(lab.metadata, labResultId), trends: interpretation.trends }),
      },
    });
    return { value: undefined, deliveries: await enqueueSteps(tx, lab, [3, 4, 5, 6]) };
  });
  return { findings: interpretation.findings.length, derived: derived.length, insightsMatched: interpretation.insightsMatched };
}

/** pipeline.dispatch_webhooks: the lab is `ready` and its final webhook is in the outbox, in one transaction. */
export async function completeLab({ labResultId, organizationId }: PipelineLab): Promise<{ webhooks: number }> {
  return withWebhooks(async (tx) => {
    // This step's own job is done once the lab is ready and its webhooks are in the outbox: one transaction.
    const jobDone = await succeedJob(tx, { labResultId, organizationId }, "dispatch_webhooks");
    const lab = await tx.labResult.update({ where: { id: labResultId, organizationId }, data: { status: "ready", completedAt: new Date(), failureReason: null }, select: NOTIFIABLE });
    const final = [...(await enqueueCompleted(tx, lab)), ...(await enqueueLabResultsReady(tx, { labResultId, organizationId }))];
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
