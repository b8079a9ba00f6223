/**
 * The webhooks a lab's pipeline sends (DESIGN §5.4, §5.5), written to the outbox and announced after commit.
 * An agent run reports each processing step of seed 003 to its `webhookUrl`, right after the step's change to
 * the lab (`updateLabReportingSteps`); every lab's end — `labResultsComplete` (seed 001) or a failure — goes
 * in the transaction that makes the lab ready or failed, also to the organisation's subscribed webhook
 * endpoints. A retried step does not report a step twice.
 */
import { agentResult, completed, failed, statusUpdate, type AgentStep } from "../../agents/payloads";
import { db, type Tx } from "../../db";
import { allocateSequenceNumber, destinations, dispatchPending, enqueueEvent } from "../../webhooks";
import { AGENT_EVENT } from "../../webhooks/event-types";
import { webhookPayload } from "../../webhooks/payload";
import { updateLab, type LabChange } from "./lab-update";
import type { PipelineLab } from "./pipeline-lab";

export const EVENT = AGENT_EVENT;

interface NotifiableLab {
  id: string;
  organizationId: string;
  source: string;
  webhookUrl: string | null;
}

async function reported(tx: Tx, lab: NotifiableLab, step: AgentStep): Promise<boolean> {
  const existing = await tx.webhookDelivery.findFirst({
    where: { labResultId: lab.id, organizationId: lab.organizationId, eventType: EVENT.status, payload: { path: ["step", "number"], equals: step } },
    select: { id: true },
  });
  return existing !== null;
}

const reportsSteps = (lab: NotifiableLab) => lab.source === "agent_run" && Boolean(lab.webhookUrl);

/** Status updates for `steps`, for agent runs only; returns the delivery ids to announce after commit. */
export async function enqueueSteps(tx: Tx, lab: NotifiableLab, steps: AgentStep[]): Promise<string[]> {
  if (!reportsSteps(lab)) return [];
  const ids: string[] = [];
  for (const step of steps) {
    if (await reported(tx, lab, step)) continue;
    const sequenceNumber = await allocateSequenceNumber(tx, lab);
    const deliveries = await enqueueEvent(tx, {
      organizationId: lab.organizationId,
      labResultId: lab.id,
      webhookUrl: lab.webhookUrl,
      eventType: EVENT.status,
      payload: webhookPayload(statusUpdate(lab.id, sequenceNumber, step)),
      sequenceNumber,
    });
    ids.push(...deliveries.map((d) => d.id));
  }
  return ids;
}

/** The payload is built only when someone will receive it: most labs have no webhook at all. */
async function enqueueEnd(tx: Tx, lab: NotifiableLab, eventType: string, payload: (sequenceNumber: number) => Promise<object>): Promise<string[]> {
  const to = await destinations(tx, { organizationId: lab.organizationId, eventType, webhookUrl: lab.webhookUrl });
  if (!to.length) return [];
  const already = await tx.webhookDelivery.findFirst({ where: { labResultId: lab.id, organizationId: lab.organizationId, eventType }, select: { id: true } });
  if (already) return [];
  const sequenceNumber = await allocateSequenceNumber(tx, lab);
  const deliveries = await enqueueEvent(
    tx,
    { organizationId: lab.organizationId, labResultId: lab.id, eventType, payload: webhookPayload(await payload(sequenceNumber)), sequenceNumber },
    to,
  );
  return deliveries.map((d) => d.id);
}

/** Step 8: the `labResultsComplete` payload of seed 001. */
export async function enqueueCompleted(tx: Tx, lab: NotifiableLab): Promise<string[]> {
  return enqueueEnd(tx, lab, EVENT.complete, async (n) => completed(lab.id, n, await agentResult(lab, tx)));
}

export async function enqueueFailed(tx: Tx, lab: NotifiableLab, reason: string): Promise<string[]> {
  return enqueueEnd(tx, lab, EVENT.failed, async (n) => failed(lab.id, n, reason));
}

/**
 * A step's change to its lab, then — for an agent run — the status updates for `steps`. The change is one
 * statement: most labs report no steps, and a transaction would cost them two more round trips. An agent
 * run's reports follow in a transaction of their own; they need not be atomic with the change, only sure to
 * follow it: a step the process dies in runs again, changes the lab again and reports then (`enqueueSteps`
 * reports a step once).
 */
export async function updateLabReportingSteps(ref: PipelineLab, change: LabChange, steps: AgentStep[]): Promise<void> {
  const lab = await updateLab(ref, change);
  if (!reportsSteps(lab)) return;
  await withWebhooks(async (tx) => ({ value: undefined, deliveries: await enqueueSteps(tx, lab, steps) }));
}

/** Runs a state change with the webhooks it reports, then announces them. */
export async function withWebhooks<T>(work: (tx: Tx) => Promise<{ value: T; deliveries: string[] }>): Promise<T> {
  const { value, deliveries } = await db.$transaction(work);
  if (deliveries.length) await dispatchPending({ ids: deliveries });
  return value;
}

export const NOTIFIABLE = { id: true, organizationId: true, source: true, webhookUrl: true } as const;
