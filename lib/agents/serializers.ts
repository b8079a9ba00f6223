/**
 * How an agent run is written on the wire (DESIGN §5.4): the immediate answer to the request, the polled
 * state of a run, and the concurrency headers of seed 003. Lab statuses map to the agent's three:
 * pending and processing are `processing`, ready is `completed`, failed is `failed`.
 */
import type { FindingView } from "../clinical/present";
import type { LabStatus } from "../db";
import { AGENT, type AgentResult } from "./payloads";
import type { AgentRunAccepted, AgentRunView } from "./schemas";

/** Seed 003's response headers: the organisation's limit, runs in flight, and free slots (never negative). */
export interface ConcurrencyUsage {
  limit: number;
  active: number;
}

export const CONCURRENCY_HEADERS = {
  limit: "X-Concurrent-Limit",
  active: "X-Concurrent-Active",
  remaining: "X-Concurrent-Remaining",
} as const;

export function concurrencyHeaders(usage: ConcurrencyUsage): Record<string, string> {
  return {
    [CONCURRENCY_HEADERS.limit]: String(usage.limit),
    [CONCURRENCY_HEADERS.active]: String(usage.active),
    [CONCURRENCY_HEADERS.remaining]: String(Math.max(0, usage.limit - usage.active)),
  };
}

export function serializeAcceptedRun(run: { id: string; labsReceived: number; labsAnalyzed: number }): AgentRunAccepted {
  const limited = run.labsAnalyzed < run.labsReceived;
  return {
    runId: run.id,
    status: "processing",
    agent: AGENT,
    labsReceived: run.labsReceived,
    labsAnalyzed: run.labsAnalyzed,
    message: limited
      ? `Received ${run.labsReceived} lab results; the ${run.labsAnalyzed} most relevant will be analysed. Results will be delivered to your webhook URL.`
      : "Lab results received. Status updates and results will be delivered to your webhook URL.",
  };
}

const STATUS: Record<LabStatus, AgentRunView["status"]> = {
  pending: "processing",
  processing: "processing",
  ready: "completed",
  failed: "failed",
};

export interface AgentRunRecord {
  id: string;
  status: LabStatus;
  createdAt: Date;
  completedAt: Date | null;
  labsReceived: number | null;
  labsAnalyzed: number | null;
  failureReason: string | null;
}

/** The polled state of a run; `result` is given exactly when the run is completed. */
export function serializeAgentRun(run: AgentRunRecord, result?: AgentResult, findings?: FindingView[]): AgentRunView {
  const status = STATUS[run.status];
  return {
    runId: run.id,
    status,
    agent: AGENT,
    createdAt: run.createdAt.toISOString(),
    completedAt: status === "processing" ? null : (run.completedAt?.toISOString() ?? null),
    labsReceived: run.labsReceived ?? 0,
    labsAnalyzed: run.labsAnalyzed ?? 0,
    ...(status === "completed" && result ? { result } : {}),
    ...(status === "completed" && findings ? { findings } : {}),
    ...(status === "failed"
      ? { error: { code: "PROCESSING_FAILED", message: run.failureReason ?? "The lab results could not be analysed" } }
      : {}),
  };
}
