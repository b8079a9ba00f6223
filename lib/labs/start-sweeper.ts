/**
 * Labs whose workflow never started: the registration committed the lab, then could not send its event (the
 * executor was down, the process died between the two). Seed 000 lets a partner retry the registration, but
 * nothing should depend on that: every app process sweeps for such labs and sends their event again. The event
 * id is the lab's own (./start-workflow.ts), so a lab whose event did arrive is not run twice, however many
 * processes sweep.
 */
import { db } from "../db";
import { log } from "../log";
import { startLabWorkflow } from "./start-workflow";

/** Younger labs may still be in the middle of their registration, which starts them itself. */
const SETTLE_MS = 10_000;

/** Sends the start event of every lab pending without a workflow for a while; returns how many were started. */
export async function startUnstartedLabs(options: { settleMs?: number; limit?: number; organizationId?: string } = {}): Promise<number> {
  const labs = await db.labResult.findMany({
    where: {
      status: "pending",
      workflowId: null,
      updatedAt: { lt: new Date(Date.now() - (options.settleMs ?? SETTLE_MS)) },
      ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    },
    select: { id: true, organizationId: true, workflowEventId: true },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 100,
  });
  let started = 0;
  for (const lab of labs) if (await startLabWorkflow(lab)) started += 1;
  if (labs.length) log.info({ component: "labs", found: labs.length, started }, "started the workflows of labs registered without one");
  return started;
}

/** Sweeps every `intervalMs` (one sweep at a time); returns a function that stops it. */
export function startUnstartedLabSweeper(options: { intervalMs?: number } = {}): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      await startUnstartedLabs();
    } catch (error) {
      // The database is down, say: the next sweep tries again.
      log.warn({ component: "labs", err: error }, "could not sweep for unstarted labs");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), options.intervalMs ?? 15_000);
  timer.unref();
  return () => clearInterval(timer);
}
