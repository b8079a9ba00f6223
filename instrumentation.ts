/**
 * Runs once per Next.js server process: the webhook outbox sweep, so a delivery committed by a process that
 * died before announcing it is still sent (lib/webhooks/outbox.ts), and the sweep for labs registered while
 * their workflow could not start (lib/labs/start-sweeper.ts). Both send under ids of their own making, so every
 * app process may sweep. And the batched audit writer's shutdown hook.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startOutboxSweeper } = await import("./lib/webhooks");
  startOutboxSweeper();
  const { startUnstartedLabSweeper } = await import("./lib/labs/start-sweeper");
  startUnstartedLabSweeper();
  // Audit rows are written in batches (lib/audit/buffer.ts): a clean stop writes the last ones before exiting.
  const { installAuditShutdownFlush } = await import("./lib/audit");
  installAuditShutdownFlush();
}
