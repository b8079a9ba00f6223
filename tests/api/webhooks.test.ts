/**
 * Webhook delivery end to end: deliveries written through the outbox, announced to the real `deliver-webhook`
 * function (served by app/api/inngest, driven by the embedded executor), POSTed to a real HTTP receiver on
 * 127.0.0.1 that verifies every signature with the standardwebhooks verifier, as a partner would.
 *
 * The functions run in the process that serves /api/inngest. This file serves it itself, with its own
 * executor, so that process has the settings under test: loopback allowlisted and a retry schedule of
 * milliseconds (0, 100 ms, 200 ms: four attempts).
 */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { EmbeddedExecutor } from "@/inngest/executor";
import type { Prisma } from "@/lib/db";
import type { EnqueuedDelivery } from "@/lib/webhooks";
import { eventually } from "../support/eventually";
import { WebhookReceiver, type Receipt } from "../support/webhook-receiver";

type Webhooks = typeof import("@/lib/webhooks");
type Db = (typeof import("@/lib/db"))["db"];

/** Whether the standardwebhooks verifier accepts the receipt with `secret`. */
function verifies(receipt: Receipt, secret: string): boolean {
  try {
    new Webhook(secret).verify(receipt.body, receipt.headers);
    return true;
  } catch {
    return false;
  }
}

const SAVED_ENV = { ...process.env };
const receiver = new WebhookReceiver();
let executor: EmbeddedExecutor;
let app: { url: string; close(): Promise<void> };
let webhooks: Webhooks;
let db: Db;

beforeAll(async () => {
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
  process.env.WEBHOOK_RETRY_SCHEDULE = "0,100ms,200ms";
  process.env.WEBHOOK_TIMEOUT_MS = "2000";
  const { startExecutor } = await import("@/inngest/executor");
  const keys = { signingKey: process.env.INNGEST_SIGNING_KEY!, eventKey: process.env.INNGEST_EVENT_KEY! };
  executor = await startExecutor({ port: 0, scope: `webhooks-${randomUUID()}`, backoffBaseMs: 50, log: () => {}, keys });
  // Before anything imports the Inngest client: events from this file go to this executor.
  process.env.INNGEST_BASE_URL = executor.url;
  const { serveInngestRoute } = await import("../support/serve-app");
  app = await serveInngestRoute(() => import("@/app/api/inngest/route"));
  await executor.syncApp(app.url, { timeoutMs: 20_000 });
  webhooks = await import("@/lib/webhooks");
  ({ db } = await import("@/lib/db"));
  await receiver.start();
});

afterAll(async () => {
  await executor?.stop();
  await app?.close();
  await receiver.stop();
  process.env = SAVED_ENV;
});

async function tenant() {
  const { createOrganization } = await import("@/lib/organizations");
  const { organization } = await createOrganization({ name: `Webhooks ${randomUUID().slice(0, 8)}` });
  return organization.id;
}

async function agentRun(organizationId: string) {
  return db.labResult.create({ data: { organizationId, source: "agent_run", webhookUrl: receiver.url } });
}

/** Writes deliveries in one transaction, as a state change would, then announces them after commit. */
async function send(write: (tx: Prisma.TransactionClient) => Promise<EnqueuedDelivery | EnqueuedDelivery[]>) {
  const written = [await db.$transaction(write)].flat();
  await webhooks.dispatchPending({ ids: written.map((d) => d.id) });
  return written;
}

async function settled(deliveryId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { attemptLog: { orderBy: { attempt: "asc" } } } });
    if (delivery.status === "succeeded" || delivery.status === "dead_letter") return delivery;
    if (Date.now() > deadline) throw new Error(`delivery ${deliveryId} still ${delivery.status} after ${delivery.attempts} attempt(s)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const payload = (n = 1) => ({ runId: randomUUID(), status: "processing", agent: "lab-results", sequenceNumber: n });

describe("webhook delivery", () => {
  it("retries a failing receiver with the same webhook-id until it answers 2xx, logging every attempt", async () => {
    const organizationId = await tenant();
    const path = receiver.route(500, 500, 200);
    const endpoint = await webhooks.createEndpoint({ organizationId, url: `${receiver.url}${path}` });
    const sent = payload();
    const [delivery] = await send((tx) => webhooks.enqueueDelivery(tx, { organizationId, endpointId: endpoint.id, url: endpoint.url, eventType: "lab.completed", payload: sent }));
    // Announcing again (a sweep racing the after-commit dispatch) starts no second run.
    await webhooks.dispatchPending({ ids: [delivery.id] });

    const done = await settled(delivery.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 3, lastStatusCode: 200, lastError: null });
    expect(done.deliveredAt).toBeInstanceOf(Date);
    expect(done.attemptLog.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, "HTTP 500"],
      [2, 500, "HTTP 500"],
      [3, 200, null],
    ]);
    expect(done.attemptLog[0].responseExcerpt).toBe("failing on purpose (500)");
    expect(done.attemptLog.every((a) => a.latencyMs >= 0)).toBe(true);

    const receipts = receiver.at(path);
    expect(receipts).toHaveLength(3);
    expect(new Set(receipts.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery.id]));
    expect(receipts.every((r) => verifies(r, endpoint.secret))).toBe(true);
    expect(receipts[0].headers).toMatchObject({ "content-type": "application/json", "user-agent": "Labwise-Webhooks/1" });
    expect(JSON.parse(receipts[0].body)).toEqual(sent);
  });

  it("dead-letters a delivery the receiver never accepts, and delivers it on replay with the same webhook-id", async () => {
    const organizationId = await tenant();
    const path = receiver.route(503);
    const endpoint = await webhooks.createEndpoint({ organizationId, url: `${receiver.url}${path}` });
    const [delivery] = await send((tx) =>
      webhooks.enqueueDelivery(tx, { organizationId, endpointId: endpoint.id, url: endpoint.url, eventType: "lab.failed", payload: payload() }),
    );

    const dead = await settled(delivery.id);
    expect(dead).toMatchObject({ status: "dead_letter", attempts: 4, lastStatusCode: 503, lastError: "HTTP 503", deliveredAt: null });
    expect(receiver.at(path)).toHaveLength(4);

    // Another tenant cannot replay it.
    await expect(webhooks.replayDelivery({ organizationId: await tenant(), deliveryId: delivery.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    receiver.answer(path, 200);
    const replayed = await webhooks.replayDelivery({ organizationId, deliveryId: delivery.id });
    expect(replayed.status).toBe("pending");
    await expect(webhooks.replayDelivery({ organizationId, deliveryId: delivery.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const delivered = await settled(delivery.id);
    expect(delivered).toMatchObject({ status: "succeeded", attempts: 5, lastStatusCode: 200 });
    const receipts = receiver.at(path);
    expect(receipts).toHaveLength(5);
    expect(receipts.every((r) => r.headers["webhook-id"] === delivery.id && verifies(r, endpoint.secret))).toBe(true);
  });

  it("delivers one lab's webhooks in sequence order, a retried one holding back those after it", async () => {
    const organizationId = await tenant();
    const lab = await agentRun(organizationId);
    // The first delivery fails once: without ordering, 2–5 would arrive while it waits to be retried. Its
    // retry waits a second (the schedule is read when it is claimed), time for 2–5 to be claimed by their own
    // runs and parked behind it however loaded the machine is: the run of 1 then hands on to each of them.
    const path = receiver.route(500, 200);
    const webhookUrl = `${receiver.url}${path}`;
    const schedule = process.env.WEBHOOK_RETRY_SCHEDULE;
    process.env.WEBHOOK_RETRY_SCHEDULE = "1s,200ms";
    onTestFinished(() => {
      process.env.WEBHOOK_RETRY_SCHEDULE = schedule;
    });

    const deliveries: EnqueuedDelivery[] = [];
    for (let step = 1; step <= 5; step++) {
      const [delivery] = await send(async (tx) => {
        const sequenceNumber = await webhooks.allocateSequenceNumber(tx, lab);
        return webhooks.enqueueEvent(tx, {
          organizationId,
          labResultId: lab.id,
          webhookUrl,
          eventType: "lab_results.status",
          payload: { runId: lab.id, status: "processing", step, sequenceNumber },
          sequenceNumber,
        });
      });
      deliveries.push(delivery);
    }
    expect(deliveries.map((d) => d.sequenceNumber)).toEqual([1, 2, 3, 4, 5]);

    for (const delivery of deliveries) expect((await settled(delivery.id)).status).toBe("succeeded");
    const receipts = receiver.at(path);
    expect(receipts.map((r) => JSON.parse(r.body).sequenceNumber)).toEqual([1, 1, 2, 3, 4, 5]);
    // 2–5 were parked behind 1 by their own runs; the run that delivered 1 went on to deliver them, in turn.
    const runOfFirst = { functionId: { endsWith: "deliver-webhook" }, event: { path: ["data", "deliveryId"], equals: deliveries[0].id } };
    // The run records its end just after its last delivery does.
    const first = await eventually(async () => {
      const run = await db.executorRun.findFirstOrThrow({ where: runOfFirst });
      if (run.status !== "completed") throw new Error(`the run of delivery 1 is ${run.status}`);
      return run;
    }, 10_000);
    const handedOn = (first.output as { handedOn?: { deliveryId: string; status: string }[] }).handedOn ?? [];
    expect(handedOn.map((d) => [d.deliveryId, d.status])).toEqual(deliveries.slice(1).map((d) => [d.id, "succeeded"]));

    // No endpoint: signed with the organisation's own secret, which the partner can read.
    const { secret } = await webhooks.getSigningSecret({ organizationId });
    expect(secret).toMatch(/^whsec_/);
    expect(receipts.every((r) => verifies(r, secret))).toBe(true);
  });

  it("signs with the old and the new secret during a rotation's grace period, then with the new one only", async () => {
    const organizationId = await tenant();
    const path = receiver.route(200);
    const endpoint = await webhooks.createEndpoint({ organizationId, url: `${receiver.url}${path}` });
    const rotated = await webhooks.rotateSecret({ organizationId, endpointId: endpoint.id, graceHours: 2 });
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previousSecret).toBe(endpoint.secret);

    const deliver = async () => {
      const [delivery] = await send((tx) =>
        webhooks.enqueueDelivery(tx, { organizationId, endpointId: endpoint.id, url: endpoint.url, eventType: "lab.completed", payload: payload() }),
      );
      await settled(delivery.id);
      return receiver.at(path).find((r) => r.headers["webhook-id"] === delivery.id)!;
    };

    const during = await deliver();
    expect(verifies(during, rotated.secret)).toBe(true);
    expect(verifies(during, endpoint.secret)).toBe(true);

    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    const after = await deliver();
    expect(verifies(after, rotated.secret)).toBe(true);
    expect(verifies(after, endpoint.secret)).toBe(false);

    await expect(webhooks.rotateSecret({ organizationId: await tenant(), endpointId: endpoint.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rotates the organisation's secret for ad-hoc URLs the same way", async () => {
    const organizationId = await tenant();
    const before = await webhooks.getSigningSecret({ organizationId });
    expect(await webhooks.getSigningSecret({ organizationId })).toEqual(before);
    const rotated = await webhooks.rotateSecret({ organizationId, graceHours: 1 });
    expect(rotated.previousSecret).toBe(before.secret);
    expect(await webhooks.getSigningSecret({ organizationId })).toMatchObject({ secret: rotated.secret, previousSecret: before.secret });
  });

  it("refuses to register a private address, and dead-letters at once a delivery to one", async () => {
    const organizationId = await tenant();
    await expect(webhooks.createEndpoint({ organizationId, url: "https://169.254.169.254/latest/meta-data/" })).rejects.toMatchObject({
      code: "VALIDATION_ERROR",
      issues: [{ loc: ["body", "url"], type: "url_blocked_address" }],
    });
    const [delivery] = await send((tx) =>
      webhooks.enqueueDelivery(tx, { organizationId, url: "https://10.0.0.1/hook", eventType: "lab.completed", payload: payload() }),
    );
    const dead = await settled(delivery.id);
    expect(dead).toMatchObject({ status: "dead_letter", attempts: 1, lastStatusCode: null });
    expect(dead.lastError).toMatch(/10\.0\.0\.1: it is a private address/);
  });
});
