/**
 * A Lab Results Agent run left `pending` without a workflow — the process stopped between admitting it and
 * starting it — does not hold its organisation's concurrency slot for ever: the next admission fails it,
 * saying why, cancels its jobs, and admits the new run within the limit. A run that was admitted a moment
 * ago and is still being started is left alone and still counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNSTARTED_RUN_GRACE_MS } from "@/lib/agents/admission";
import { db } from "@/lib/db";
import { PIPELINE_STEPS } from "@/lib/labs/pipeline-steps";
import { call } from "../support/app";
import { createTenant } from "../support/fixtures";
import { WebhookReceiver } from "../support/webhook-receiver";

const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const request = () => ({
  webhookUrl: `${receiver.url}${receiver.route()}`,
  labResults: [{ name: "Creatinine", value: "1.8", unit: "mg/dL", referenceRange: "0.7-1.3 mg/dL", date: "2025-01-15" }],
});

/** A tenant whose concurrent-run limit is 1, with one agent run admitted `ageMs` ago and never started. */
async function tenantWithUnstartedRun(ageMs: number) {
  const { apiKey, organizationId } = await createTenant();
  await db.organization.update({ where: { id: organizationId }, data: { concurrentRunLimit: 1 } });
  const stuck = await db.labResult.create({
    data: {
      organizationId,
      source: "agent_run",
      status: "pending",
      input: request().labResults,
      webhookUrl: request().webhookUrl,
      labsReceived: 1,
      labsAnalyzed: 1,
      createdAt: new Date(Date.now() - ageMs),
      jobs: { create: PIPELINE_STEPS.map((step) => ({ organizationId, type: step.type })) },
    },
  });
  return { apiKey, stuckId: stuck.id };
}

const startRun = (apiKey: string) => call("POST", "/v1/agents/lab-results", { apiKey, body: request() });

describe("agent runs admitted but never started", () => {
  it("frees the slot of a run stuck past the grace period, so a new run is admitted", async () => {
    const { apiKey, stuckId } = await tenantWithUnstartedRun(UNSTARTED_RUN_GRACE_MS + 60_000);

    const res = await startRun(apiKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-concurrent-limit")).toBe("1");
    expect(res.headers.get("x-concurrent-active")).toBe("1");
    expect(res.json.runId).not.toBe(stuckId);
  });

  it("fails the stuck run with a reason the partner can act on, and cancels its jobs", async () => {
    const { apiKey, stuckId } = await tenantWithUnstartedRun(UNSTARTED_RUN_GRACE_MS + 60_000);
    await startRun(apiKey);

    const stuck = await db.labResult.findUniqueOrThrow({ where: { id: stuckId }, include: { jobs: true } });
    expect(stuck.status).toBe("failed");
    expect(stuck.failureReason).toMatch(/never started.*submit the labs again/);
    expect(stuck.completedAt).not.toBeNull();
    expect(new Set(stuck.jobs.map((job) => job.status))).toEqual(new Set(["cancelled"]));

    const polled = await call("GET", `/v1/agents/lab-results/${stuckId}`, { apiKey });
    expect(polled.json.status).toBe("failed");
  });

  it("leaves a run that is still within the grace period counted, and answers 429", async () => {
    const { apiKey, stuckId } = await tenantWithUnstartedRun(1_000);

    const res = await startRun(apiKey);
    expect(res.status).toBe(429);
    expect((await db.labResult.findUniqueOrThrow({ where: { id: stuckId } })).status).toBe("pending");
  });
});
