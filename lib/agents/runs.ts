/**
 * Lab Results Agent runs (DESIGN §5.4): a partner posts labs and a webhook URL, gets a run id at once, and
 * hears back by webhook (or by polling). A run is a LabResult with `source: agent_run`; its labs go through
 * the same pipeline as an upload, read from `input` (lib/labs/pipeline/ingest-step.ts).
 */
import { presentFinding, type FindingView } from "../clinical/present";
import { db, Prisma } from "../db";
import { AppError, notFound } from "../http/errors";
import type { IdempotencyClaim } from "../http/idempotency";
import { readFindings, writeInput, writePatientContext } from "../labs/codecs";
import { PIPELINE_STEPS } from "../labs/pipeline-steps";
import { startLabWorkflow, type StartableLab } from "../labs/start-workflow";
import { assertDeliverableUrl, UrlNotAllowedError } from "../webhooks";
import { admitAgentRun, concurrencyUsage, RETRY_AFTER_SECONDS } from "./admission";
import { agentResult, type AgentResult } from "./payloads";
import { selectMostRelevant } from "./relevance";
import type { AgentRunRequest } from "./schemas";
import type { AgentRunRecord, ConcurrencyUsage } from "./serializers";

export interface StartedRun {
  run: { id: string; labsReceived: number; labsAnalyzed: number };
  usage: ConcurrencyUsage;
}

/**
 * Checks the webhook URL (its host must resolve to public addresses unless allowlisted: DESIGN §5.5), keeps
 * the 200 most relevant labs, admits the run against the organisation's concurrent limit, and starts its
 * workflow. Throws 400 for an undeliverable URL, 429 at the limit, 503 when the workflow cannot start (the
 * run is then failed, so it holds no slot, and the partner may simply retry).
 *
 * With an Idempotency-Key the run is recorded on the key's claim as it is created. A retry of a request that
 * died after creating its run, before answering, gets that run (started now if it never was), not a second.
 */
export async function startAgentRun(organizationId: string, request: AgentRunRequest, claim: IdempotencyClaim | null = null): Promise<StartedRun> {
  await checkWebhookUrl(request.webhookUrl);
  const { kept, received } = selectMostRelevant(request.labResults);
  const answer = (id: string) => ({ id, labsReceived: received, labsAnalyzed: kept.length });
  const earlier = claim?.createdResourceId ? await resumableRun(organizationId, claim.createdResourceId) : null;
  if (earlier) {
    if (!earlier.workflowId) await startOrFail(earlier);
    return { run: answer(earlier.id), usage: await concurrencyUsage(organizationId) };
  }
  const { value: lab, usage } = await admitAgentRun(organizationId, async (tx) => {
    const created = await tx.labResult.create({
      data: {
        organizationId,
        source: "agent_run",
        status: "pending",
        input: writeInput(kept),
        patientContext: request.patient ? writePatientContext(request.patient) : Prisma.DbNull,
        webhookUrl: request.webhookUrl,
        labsReceived: received,
        // What will be analysed; the pipeline replaces it with what it could read.
        labsAnalyzed: kept.length,
        jobs: { create: PIPELINE_STEPS.map((step) => ({ organizationId, type: step.type })) },
      },
      select: { id: true, organizationId: true },
    });
    await claim?.recordCreated(tx, created.id);
    return created;
  });
  await startOrFail(lab);
  return { run: answer(lab.id), usage };
}

/**
 * The run an earlier attempt created, if the retry should answer with it. One that failed without ever
 * starting (reaped by ../agents/admission.ts, or failed when its start did) is not: the retry admits a new run.
 */
async function resumableRun(organizationId: string, runId: string) {
  const run = await db.labResult.findFirst({
    where: { id: runId, organizationId, source: "agent_run" },
    select: { id: true, organizationId: true, workflowId: true, workflowEventId: true, status: true },
  });
  if (!run || (run.status === "failed" && !run.workflowId)) return null;
  return run;
}

/** Starts the run's workflow; if it cannot start, fails the run (it holds no slot) and asks for a retry. */
async function startOrFail(lab: StartableLab): Promise<void> {
  if (await startLabWorkflow(lab)) return;
  await db.labResult.updateMany({
    where: { id: lab.id, status: "pending" },
    data: { status: "failed", failureReason: "the analysis could not be started", completedAt: new Date() },
  });
  throw new AppError("SERVICE_UNAVAILABLE", "The analysis could not be started; please retry", {
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}

/** An undeliverable URL is a bad `webhookUrl` field, reported where the other field errors are. */
async function checkWebhookUrl(url: string): Promise<void> {
  try {
    await assertDeliverableUrl(url);
  } catch (error) {
    if (!(error instanceof UrlNotAllowedError)) throw error;
    throw new AppError("VALIDATION_ERROR", "Invalid request body", {
      issues: [{ loc: ["body", "webhookUrl"], msg: error.message, type: error.reason }],
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One of the organisation's runs, with its result when completed. Another organisation's run, a lab result
 * that is not an agent run, and an id that is not a UUID are all "not found" (DESIGN §4).
 */
export async function getAgentRunOrThrow(
  organizationId: string,
  runId: string,
): Promise<{ run: AgentRunRecord; result?: AgentResult; findings?: FindingView[] }> {
  if (!UUID.test(runId)) throw notFound("Run");
  const run = await db.labResult.findFirst({
    where: { id: runId, organizationId, source: "agent_run" },
    select: { id: true, status: true, createdAt: true, completedAt: true, labsReceived: true, labsAnalyzed: true, failureReason: true, findings: true },
  });
  if (!run) throw notFound("Run");
  if (run.status !== "ready") return { run };
  const findings = readFindings(run.findings, run.id).map(presentFinding);
  return { run, result: await agentResult({ id: run.id, organizationId }), findings };
}
