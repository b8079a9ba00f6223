/**
 * A request that died after committing what it created, before its answer was stored, leaves an unanswered
 * claim whose `resourceId` names what it created (written in the same transaction). The retry with the same
 * Idempotency-Key answers with that resource: one agent run, not two; the partner's own submission, not a 409
 * about it. The crash test (tests/chaos/crash.chaos.ts) saw the second agent run before this existed.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db";
import { claimFor, type IdempotentRequest } from "@/lib/http/idempotency";
import { PIPELINE_STEPS } from "@/lib/labs/pipeline-steps";
import { call } from "../support/app";
import { createTenant } from "../support/fixtures";
import { submissionBody, submit } from "../support/submissions";
import { WebhookReceiver } from "../support/webhook-receiver";

const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const agentRequest = () => ({
  webhookUrl: `${receiver.url}${receiver.route()}`,
  labResults: [{ name: "Creatinine", value: "1.8", unit: "mg/dL", referenceRange: "0.7-1.3 mg/dL", date: "2025-01-15" }],
});

/** Puts the key's record back as a process killed after its commit left it: unanswered, its lease over. */
async function dieBeforeAnswering(organizationId: string, key: string) {
  const { count } = await db.idempotencyRecord.updateMany({
    where: { organizationId, key },
    data: { completedAt: null, responseStatus: null, responseHeaders: Prisma.DbNull, responseBody: null, createdAt: new Date(Date.now() - 60_000) },
  });
  expect(count).toBe(1);
}

/**
 * What a dead agent-run request left behind for its key: an unanswered claim past its lease, naming what it
 * had created (`resourceId`) or nothing.
 */
async function abandonedAgentClaim(organizationId: string, key: string, body: unknown, resourceId: string | null = null) {
  const { id: apiKeyId } = await db.apiKey.findFirstOrThrow({ where: { organizationId } });
  const claim: IdempotentRequest = { organizationId, credentialId: `apiKey:${apiKeyId}`, key, method: "POST", path: "/v1/agents/lab-results", body: JSON.stringify(body) };
  await db.idempotencyRecord.create({ data: { ...claimFor(claim, new Date(Date.now() - 60_000)), resourceId } });
}

describe("retry of a request that died after creating, before answering", () => {
  it("answers an agent run's retry with the run the first attempt created, and creates no second", async () => {
    const { apiKey, organizationId } = await createTenant();
    const key = `agent-${randomUUID()}`;
    const body = agentRequest();
    const first = await call("POST", "/v1/agents/lab-results", { apiKey, body, headers: { "idempotency-key": key } });
    expect(first.status).toBe(200);
    await dieBeforeAnswering(organizationId, key);

    const retry = await call("POST", "/v1/agents/lab-results", { apiKey, body, headers: { "idempotency-key": key } });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get("x-concurrent-limit")).toBe(first.headers.get("x-concurrent-limit"));
    expect(await db.labResult.count({ where: { organizationId, source: "agent_run" } })).toBe(1);

    // Answered now: the next retry is a plain replay.
    const again = await call("POST", "/v1/agents/lab-results", { apiKey, body, headers: { "idempotency-key": key } });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
  });

  it("starts the run the first attempt created if it died before starting it", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = agentRequest();
    const key = `agent-${randomUUID()}`;
    // What the dead attempt committed: the run with its jobs, and its claim naming the run, then nothing more.
    const unstarted = await db.labResult.create({
      data: {
        organizationId,
        source: "agent_run",
        status: "pending",
        input: body.labResults,
        webhookUrl: body.webhookUrl,
        labsReceived: 1,
        labsAnalyzed: 1,
        jobs: { create: PIPELINE_STEPS.map((step) => ({ organizationId, type: step.type })) },
      },
    });
    await abandonedAgentClaim(organizationId, key, body, unstarted.id);

    const retry = await call("POST", "/v1/agents/lab-results", { apiKey, body, headers: { "idempotency-key": key } });
    expect(retry.status).toBe(200);
    expect(retry.json.runId).toBe(unstarted.id);
    expect(await db.labResult.count({ where: { organizationId, source: "agent_run" } })).toBe(1);
    const started = await db.labResult.findUniqueOrThrow({ where: { id: unstarted.id } });
    expect(started.workflowId).not.toBeNull();
  });

  it("admits a new run when the one the first attempt created failed without ever starting", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = agentRequest();
    const key = `agent-${randomUUID()}`;
    const neverStarted = await db.labResult.create({
      data: { organizationId, source: "agent_run", status: "failed", failureReason: "the analysis could not be started", webhookUrl: body.webhookUrl, input: body.labResults },
    });
    await abandonedAgentClaim(organizationId, key, body, neverStarted.id);

    const retry = await call("POST", "/v1/agents/lab-results", { apiKey, body, headers: { "idempotency-key": key } });
    expect(retry.status).toBe(200);
    expect(retry.json.runId).not.toBe(neverStarted.id);
    expect((await db.labResult.findUniqueOrThrow({ where: { id: neverStarted.id } })).workflowId).toBeNull();
  });

  it("answers a submission's retry with its 202, not a 409 about the submission its first attempt created", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = submissionBody();
    const headers = { "idempotency-key": `sub-${randomUUID()}`, "x-correlation-id": `corr-${randomUUID()}` };
    const first = await submit(apiKey, body, headers);
    expect(first.status).toBe(202);
    await dieBeforeAnswering(organizationId, headers["idempotency-key"]);

    const retry = await submit(apiKey, body, headers);
    expect(retry.status).toBe(202);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.json).toEqual(first.json);
    expect(await db.labResult.count({ where: { organizationId, source: "submission" } })).toBe(1);
  });

  it("still creates afresh when the dead attempt created nothing", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = agentRequest();
    const key = `agent-${randomUUID()}`;
    await abandonedAgentClaim(organizationId, key, body);

    const retry = await call("POST", "/v1/agents/lab-results", { apiKey, body, headers: { "idempotency-key": key } });
    expect(retry.status).toBe(200);
    const record = await db.idempotencyRecord.findFirstOrThrow({ where: { organizationId, key } });
    expect(record.resourceId).toBe(retry.json.runId);
    expect(await db.labResult.count({ where: { organizationId, source: "agent_run" } })).toBe(1);
  });
});
