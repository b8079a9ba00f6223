/**
 * What the Lab Results Agent tells a partner (seed 001, seed 003): a status update for each processing step
 * 1–7, then `labResultsComplete` as step 8 with the result, or a failure. The same result answers
 * `GET /v1/agents/lab-results/{runId}`. camelCase, as the partner surface is.
 */
import { db, type Analyte, type Tx } from "../db";
import { readCitations } from "../labs/codecs";
import { shownRange } from "../labs/shown-range";

export const AGENT = "lab-results";

/** Seed 003's processing steps. */
export const AGENT_STEPS = {
  1: "Processing started",
  2: "Analyzing lab results",
  3: "Prioritizing findings",
  4: "Generating search queries",
  5: "Searching medical literature and clinical guidelines",
  6: "Processing search results",
  7: "Generating responses",
  8: "Final webhook delivered",
} as const;

export type AgentStep = keyof typeof AGENT_STEPS;

export interface AgentLabItem {
  name: string;
  value: string;
  unit?: string;
  flag?: string;
  referenceRange?: string;
  date?: string;
  category?: string;
  notes?: string;
}

export interface AgentResult {
  labResults: AgentLabItem[];
  patientResponse: string;
  clinicianResponse: string;
  citations: { patient: Record<string, unknown>; clinician: Record<string, unknown> };
  metadata: { labsReceived: number; labsAnalyzed: number; insightsMatched: number };
}

function item(a: Analyte): AgentLabItem {
  const out: AgentLabItem = { name: a.rawName, value: a.rawValue };
  const unit = a.rawUnit ?? a.unit;
  if (unit) out.unit = unit;
  if (a.flag) out.flag = a.flag;
  const range = shownRange(a);
  if (range) out.referenceRange = range;
  if (a.rawDate) out.date = a.rawDate;
  else if (a.observedAt) out.date = a.observedAt.toISOString().slice(0, 10);
  if (a.category) out.category = a.category;
  if (a.notes) out.notes = a.notes;
  return out;
}

/** The analysed labs and both responses of a run whose artifacts are written, read within its organisation. */
export async function agentResult({ id: labResultId, organizationId }: { id: string; organizationId: string }, tx: Tx = db): Promise<AgentResult> {
  const lab = await tx.labResult.findFirstOrThrow({
    where: { id: labResultId, organizationId },
    select: {
      patientResponse: true,
      clinicianResponse: true,
      citations: true,
      labsReceived: true,
      labsAnalyzed: true,
      insightsMatched: true,
      analytes: { orderBy: { position: "asc" } },
    },
  });
  const citations = readCitations(lab.citations, labResultId) ?? { patient: {}, clinician: {} };
  return {
    labResults: lab.analytes.map(item),
    patientResponse: lab.patientResponse ?? "",
    clinicianResponse: lab.clinicianResponse ?? "",
    citations,
    metadata: { labsReceived: lab.labsReceived ?? 0, labsAnalyzed: lab.labsAnalyzed ?? 0, insightsMatched: lab.insightsMatched ?? 0 },
  };
}

interface Envelope {
  runId: string;
  agent: typeof AGENT;
  timestamp: string;
  sequenceNumber: number;
}

export type StatusUpdatePayload = Envelope & { status: "processing"; step: { number: AgentStep; name: string } };
export type CompletePayload = Envelope & { status: "completed"; result: AgentResult };
export type FailedPayload = Envelope & { status: "failed"; error: { code: "PROCESSING_FAILED"; message: string } };

const envelope = (runId: string, sequenceNumber: number): Envelope => ({ runId, agent: AGENT, timestamp: new Date().toISOString(), sequenceNumber });

export function statusUpdate(runId: string, sequenceNumber: number, step: AgentStep): StatusUpdatePayload {
  return { ...envelope(runId, sequenceNumber), status: "processing", step: { number: step, name: AGENT_STEPS[step] } };
}

export function completed(runId: string, sequenceNumber: number, result: AgentResult): CompletePayload {
  return { runId, status: "completed", agent: AGENT, timestamp: new Date().toISOString(), sequenceNumber, result };
}

export function failed(runId: string, sequenceNumber: number, message: string): FailedPayload {
  return { ...envelope(runId, sequenceNumber), status: "failed", error: { code: "PROCESSING_FAILED", message } };
}
