/**
 * The portal's webhook settings endpoints (`/api/portal/settings/webhooks/*`, `/deliveries/*`,
 * `/webhook-secret/*`) with a real Auth.js session cookie: an admin adds an endpoint (the secret in that answer
 * only), tests it against a real receiver on 127.0.0.1, rotates, disables, deletes; reads the delivery log with
 * each attempt's headers, replays one delivery and every dead letter of an endpoint (same `webhook-id`);
 * reveals and rotates the agent-run secret. A clinician is refused 403 everywhere, another organisation's
 * endpoint or delivery is 404, bad input 400, and every call leaves an audit row without a secret in it.
 */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PortalDeliveryDetail, PortalWebhookEndpointWithSecret } from "@/lib/portal/settings-webhooks-schemas";
import { enqueueDelivery, secretFingerprint } from "@/lib/webhooks";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createPortalUser, createTenant } from "../support/fixtures";
import { WebhookReceiver, type Receipt } from "../support/webhook-receiver";

const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

async function admin() {
  const { organizationId } = await createTenant();
  const { cookie, userId } = await createPortalUser(organizationId, "admin");
  return { organizationId, cookie, userId };
}

async function addEndpoint(cookie: string, path = receiver.route(), extra: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/portal/settings/webhooks", { cookie, body: { url: `${receiver.url}${path}`, ...extra } });
  expect(res.status, res.text).toBe(201);
  return { path, endpoint: res.json.data as PortalWebhookEndpointWithSecret };
}

function verifies(receipt: Receipt, secret: string): boolean {
  try {
    new Webhook(secret).verify(receipt.body, receipt.headers);
    return true;
  } catch {
    return false;
  }
}

/** A dead-lettered delivery to the endpoint, as the outbox leaves one whose attempts ran out. */
async function deadLetter(organizationId: string, endpoint: { id: string; url: string }) {
  const delivery = await db.$transaction((tx) =>
    enqueueDelivery(tx, { organizationId, endpointId: endpoint.id, url: endpoint.url, eventType: "lab.accepted", payload: { type: "lab.accepted", n: randomUUID() } }),
  );
  await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "dead_letter", nextAttemptAt: null, attempts: 3, lastError: "HTTP 503" } });
  return delivery.id;
}

/** The audit rows of one request (recorded off the response path). */
async function auditOf(requestId: string) {
  return eventually(async () => {
    const rows = await db.auditEvent.findMany({ where: { requestId } });
    expect(rows).toHaveLength(1);
    return rows[0];
  });
}

describe("portal webhook endpoints", () => {
  it("adds an endpoint with its events and shows the secret in that answer only", async () => {
    const { cookie } = await admin();
    const { endpoint } = await addEndpoint(cookie, receiver.route(), { events: ["lab.results_ready", "lab.failed"] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ events: ["lab.results_ready", "lab.failed"], enabled: true, secretFingerprint: secretFingerprint(endpoint.secret) });

    const list = await call("GET", "/api/portal/settings/webhooks", { cookie });
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("private, no-store");
    expect(list.json.data.map((e: { id: string }) => e.id)).toEqual([endpoint.id]);
    expect(list.text).not.toContain("whsec_");
    const one = await call("GET", `/api/portal/settings/webhooks/${endpoint.id}`, { cookie });
    expect(one.status).toBe(200);
    expect(one.json.data).toMatchObject({ id: endpoint.id, secretFingerprint: endpoint.secretFingerprint });
    expect(one.text).not.toContain("whsec_");
  });

  it("sends a test event signed with the endpoint's secret and answers with the receiver's status, time and answer", async () => {
    const { cookie } = await admin();
    const { path, endpoint } = await addEndpoint(cookie);
    const res = await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/test`, { cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ succeeded: true, statusCode: 200, responseExcerpt: "ok", error: null, deliveryId: expect.any(String) });
    expect(res.json.data.latencyMs).toBeGreaterThanOrEqual(0);
    const [receipt] = receiver.at(path);
    expect(receipt.headers["webhook-id"]).toBe(res.json.data.deliveryId);
    expect(verifies(receipt, endpoint.secret)).toBe(true);

    receiver.answer(path, 500);
    const failed = await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/test`, { cookie });
    expect(failed.json.data).toMatchObject({ succeeded: false, statusCode: 500, error: "HTTP 500" });
  });

  it("rotates an endpoint's secret: the new one once, and both sign during the grace period", async () => {
    const { cookie } = await admin();
    const { path, endpoint } = await addEndpoint(cookie);
    const rotated = await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/rotate-secret`, { cookie, body: { graceHours: 24 } });
    expect(rotated.status, rotated.text).toBe(200);
    const next = rotated.json.data as PortalWebhookEndpointWithSecret;
    expect(next.secret).toMatch(/^whsec_/);
    expect(next.secret).not.toBe(endpoint.secret);
    expect(next.secretFingerprint).toBe(secretFingerprint(next.secret));
    expect(Date.parse(next.previousSecretExpiresAt!)).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/test`, { cookie });
    const [receipt] = receiver.at(path);
    expect(receipt.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verifies(receipt, endpoint.secret)).toBe(true);
    expect(verifies(receipt, next.secret)).toBe(true);
  });

  it("disables, enables and deletes an endpoint", async () => {
    const { cookie } = await admin();
    const { endpoint } = await addEndpoint(cookie);
    const disabled = await call("PATCH", `/api/portal/settings/webhooks/${endpoint.id}`, { cookie, body: { enabled: false } });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.json.data.enabled).toBe(false);
    expect((await call("PATCH", `/api/portal/settings/webhooks/${endpoint.id}`, { cookie, body: { enabled: true } })).json.data.enabled).toBe(true);
    const deleted = await call("DELETE", `/api/portal/settings/webhooks/${endpoint.id}`, { cookie });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.json.data).toEqual({ deadLettered: 0 });
    expect((await call("GET", "/api/portal/settings/webhooks", { cookie })).json.data).toEqual([]);
    expect((await call("GET", `/api/portal/settings/webhooks/${endpoint.id}`, { cookie })).status).toBe(404);
  });

  it("refuses bad input with 400 and the field named", async () => {
    const { cookie } = await admin();
    const bad = async (method: string, path: string, body: unknown) => {
      const res = await call(method, path, { cookie, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_ERROR");
      return res;
    };
    expect((await bad("POST", "/api/portal/settings/webhooks", { url: "http://169.254.169.254/latest" })).text).toMatch(/url/);
    expect((await bad("POST", "/api/portal/settings/webhooks", { url: `${receiver.url}/x`, events: ["lab.nope"] })).text).toMatch(/events/);
    await bad("POST", "/api/portal/settings/webhooks", {});
    const { endpoint } = await addEndpoint(cookie);
    await bad("PATCH", `/api/portal/settings/webhooks/${endpoint.id}`, {});
    await bad("POST", `/api/portal/settings/webhooks/${endpoint.id}/rotate-secret`, { graceHours: -1 });
    await bad("POST", "/api/portal/settings/webhook-secret/rotate", { graceHours: 100_000 });
    expect((await call("GET", "/api/portal/settings/webhooks/not-a-uuid", { cookie })).status).toBe(400);
    expect((await call("GET", "/api/portal/settings/deliveries?status=lost", { cookie })).status).toBe(400);
    expect((await call("GET", "/api/portal/settings/deliveries?cursor=garbage", { cookie })).status).toBe(400);
  });
});

describe("portal delivery log", () => {
  it("lists deliveries newest first with filters and a cursor, and shows one with its payload, attempts and headers", async () => {
    const { organizationId, cookie } = await admin();
    const { endpoint } = await addEndpoint(cookie);
    const { endpoint: other } = await addEndpoint(cookie);
    const tests: string[] = [];
    for (let i = 0; i < 3; i++) tests.push((await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/test`, { cookie })).json.data.deliveryId as string);
    const dead = await deadLetter(organizationId, other);

    const all = await call("GET", "/api/portal/settings/deliveries", { cookie });
    expect(all.status, all.text).toBe(200);
    expect(all.json.data.map((d: { id: string }) => d.id)).toEqual([dead, ...tests.toReversed()]);

    const first = await call("GET", `/api/portal/settings/deliveries?endpointId=${endpoint.id}&limit=2`, { cookie });
    expect(first.json).toMatchObject({ hasMore: true });
    const second = await call("GET", `/api/portal/settings/deliveries?endpointId=${endpoint.id}&limit=2&cursor=${first.json.nextCursor}`, { cookie });
    expect([...first.json.data, ...second.json.data].map((d: { id: string }) => d.id)).toEqual(tests.toReversed());
    expect((await call("GET", "/api/portal/settings/deliveries?status=dead_letter", { cookie })).json.data.map((d: { id: string }) => d.id)).toEqual([dead]);
    expect((await call("GET", "/api/portal/settings/deliveries?eventType=ping", { cookie })).json.data).toHaveLength(3);

    const detail = await call("GET", `/api/portal/settings/deliveries/${tests[0]}`, { cookie });
    expect(detail.status, detail.text).toBe(200);
    const delivery = detail.json.data as PortalDeliveryDetail;
    expect(delivery).toMatchObject({ id: tests[0], eventType: "ping", status: "succeeded", payload: { type: "ping" } });
    expect(delivery.attemptLog).toHaveLength(1);
    const [attempt] = delivery.attemptLog;
    expect(attempt).toMatchObject({ attempt: 1, statusCode: 200, responseExcerpt: "ok", error: null });
    expect(attempt.requestHeaders).toMatchObject({ "webhook-id": tests[0], "content-type": "application/json", "webhook-signature": expect.stringMatching(/^v1,/) });
    expect(Number(attempt.requestHeaders!["webhook-timestamp"])).toBe(Math.floor(Date.parse(attempt.sentAt!) / 1000));
    // The signature shown is the one the receiver got.
    const receipt = receiver.receipts.find((r) => r.headers["webhook-id"] === tests[0])!;
    expect(attempt.requestHeaders!["webhook-signature"]).toBe(receipt.headers["webhook-signature"]);
    expect(attempt.requestHeaders!["webhook-timestamp"]).toBe(receipt.headers["webhook-timestamp"]);
    expect(detail.text).not.toContain("whsec_");
  });

  it("replays a delivery with the same webhook-id", async () => {
    const { cookie } = await admin();
    const { path, endpoint } = await addEndpoint(cookie);
    const { deliveryId } = (await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/test`, { cookie })).json.data;
    const replayed = await call("POST", `/api/portal/settings/deliveries/${deliveryId}/replay`, { cookie });
    expect(replayed.status, replayed.text).toBe(202);
    expect(replayed.json.data).toMatchObject({ id: deliveryId, status: "pending" });
    await eventually(() => expect(receiver.at(path)).toHaveLength(2), 10_000);
    expect(receiver.at(path).map((r) => r.headers["webhook-id"])).toEqual([deliveryId, deliveryId]);
    expect(receiver.at(path).every((r) => verifies(r, endpoint.secret))).toBe(true);
    const detail = await eventually(async () => {
      const res = await call("GET", `/api/portal/settings/deliveries/${deliveryId}`, { cookie });
      expect(res.json.data.attemptLog).toHaveLength(2);
      return res.json.data as PortalDeliveryDetail;
    });
    expect(detail.attemptLog.map((a) => a.requestHeaders?.["webhook-id"])).toEqual([deliveryId, deliveryId]);
  });

  it("refuses to replay a delivery that is still being retried (409)", async () => {
    const { organizationId, cookie } = await admin();
    const { endpoint } = await addEndpoint(cookie);
    const id = await deadLetter(organizationId, endpoint);
    await db.webhookDelivery.update({ where: { id }, data: { status: "failed", nextAttemptAt: new Date(Date.now() + 3_600_000) } });
    const res = await call("POST", `/api/portal/settings/deliveries/${id}/replay`, { cookie });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/failed/);
  });

  it("replays every dead letter of an endpoint in one call, each with its own webhook-id again", async () => {
    const { organizationId, cookie } = await admin();
    const { path, endpoint } = await addEndpoint(cookie);
    const { endpoint: other } = await addEndpoint(cookie);
    const ids = [await deadLetter(organizationId, endpoint), await deadLetter(organizationId, endpoint)];
    const untouched = await deadLetter(organizationId, other);
    const res = await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/replay-dead-letters`, { cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toEqual({ replayed: 2 });
    await eventually(() => expect(receiver.at(path).map((r) => r.headers["webhook-id"]).toSorted()).toEqual(ids.toSorted()), 10_000);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: untouched } })).status).toBe("dead_letter");
    await eventually(async () => expect((await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/replay-dead-letters`, { cookie })).json.data).toEqual({ replayed: 0 }));

    await call("PATCH", `/api/portal/settings/webhooks/${other.id}`, { cookie, body: { enabled: false } });
    const refused = await call("POST", `/api/portal/settings/webhooks/${other.id}/replay-dead-letters`, { cookie });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/disabled/);
  });
});

describe("portal agent-run signing secret", () => {
  it("shows fingerprints only, reveals the secret on request, and rotates with both signing during the grace period", async () => {
    const { cookie } = await admin();
    const status = await call("GET", "/api/portal/settings/webhook-secret", { cookie });
    expect(status.status, status.text).toBe(200);
    expect(status.json.data).toEqual({ secretFingerprint: expect.stringMatching(/^sha256:/), previousSecretFingerprint: null, previousSecretExpiresAt: null });
    expect(status.text).not.toContain("whsec_");

    const revealed = await call("POST", "/api/portal/settings/webhook-secret/reveal", { cookie });
    expect(revealed.status, revealed.text).toBe(200);
    const old = revealed.json.data.secret as string;
    expect(secretFingerprint(old)).toBe(status.json.data.secretFingerprint);

    const rotated = await call("POST", "/api/portal/settings/webhook-secret/rotate", { cookie, body: { graceHours: 24 } });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.json.data).toMatchObject({ secret: expect.stringMatching(/^whsec_/), previousSecretFingerprint: secretFingerprint(old) });
    expect(rotated.json.data.secret).not.toBe(old);
    const after = await call("GET", "/api/portal/settings/webhook-secret", { cookie });
    expect(after.json.data).toMatchObject({ secretFingerprint: secretFingerprint(rotated.json.data.secret), previousSecretFingerprint: secretFingerprint(old) });
    expect(after.text).not.toContain("whsec_");
  });
});

describe("portal webhook settings: roles, tenancy, audit", () => {
  it("refuses a clinician with 403 on every endpoint, and a signed-out caller with 401", async () => {
    const { organizationId, cookie } = await admin();
    const { endpoint } = await addEndpoint(cookie);
    const { deliveryId } = (await call("POST", `/api/portal/settings/webhooks/${endpoint.id}/test`, { cookie })).json.data;
    const clinician = await createPortalUser(organizationId, "clinician");
    const calls: [string, string, object?][] = [
      ["GET", "/api/portal/settings/webhooks"],
      ["POST", "/api/portal/settings/webhooks", { url: `${receiver.url}/x` }],
      ["GET", `/api/portal/settings/webhooks/${endpoint.id}`],
      ["PATCH", `/api/portal/settings/webhooks/${endpoint.id}`, { enabled: false }],
      ["DELETE", `/api/portal/settings/webhooks/${endpoint.id}`],
      ["POST", `/api/portal/settings/webhooks/${endpoint.id}/rotate-secret`, { graceHours: 1 }],
      ["POST", `/api/portal/settings/webhooks/${endpoint.id}/test`],
      ["POST", `/api/portal/settings/webhooks/${endpoint.id}/replay-dead-letters`],
      ["GET", "/api/portal/settings/deliveries"],
      ["GET", `/api/portal/settings/deliveries/${deliveryId}`],
      ["POST", `/api/portal/settings/deliveries/${deliveryId}/replay`],
      ["GET", "/api/portal/settings/webhook-secret"],
      ["POST", "/api/portal/settings/webhook-secret/reveal"],
      ["POST", "/api/portal/settings/webhook-secret/rotate", { graceHours: 1 }],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(method, path, { cookie: clinician.cookie, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.text).not.toContain("whsec_");
      expect((await call(method, path, { body })).status, `${method} ${path} signed out`).toBe(401);
    }
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
    expect(await db.webhookEndpoint.count({ where: { organizationId } })).toBe(1);
  });

  it("answers 404 for another organisation's endpoint and delivery", async () => {
    const a = await admin();
    const b = await admin();
    const { endpoint } = await addEndpoint(b.cookie);
    const dead = await deadLetter(b.organizationId, endpoint);
    const calls: [string, string, object?][] = [
      ["GET", `/api/portal/settings/webhooks/${endpoint.id}`],
      ["PATCH", `/api/portal/settings/webhooks/${endpoint.id}`, { enabled: false }],
      ["DELETE", `/api/portal/settings/webhooks/${endpoint.id}`],
      ["POST", `/api/portal/settings/webhooks/${endpoint.id}/rotate-secret`, { graceHours: 1 }],
      ["POST", `/api/portal/settings/webhooks/${endpoint.id}/test`],
      ["POST", `/api/portal/settings/webhooks/${endpoint.id}/replay-dead-letters`],
      ["GET", `/api/portal/settings/deliveries/${dead}`],
      ["POST", `/api/portal/settings/deliveries/${dead}/replay`],
    ];
    for (const [method, path, body] of calls) {
      expect((await call(method, path, { cookie: a.cookie, body })).status, `${method} ${path}`).toBe(404);
    }
    expect((await call("GET", "/api/portal/settings/webhooks", { cookie: a.cookie })).json.data).toEqual([]);
    expect((await call("GET", `/api/portal/settings/deliveries?endpointId=${endpoint.id}`, { cookie: a.cookie })).json.data).toEqual([]);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: dead } })).toMatchObject({ status: "dead_letter" });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: true, deletedAt: null });
  });

  it("audits every call with the admin as the actor, a readable detail, and no secret", async () => {
    const { organizationId, cookie, userId } = await admin();
    const audited = async (method: string, path: string, body?: unknown) => {
      const requestId = `hooks-${randomUUID()}`;
      const res = await call(method, path, { cookie, body, headers: { "x-request-id": requestId } });
      expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
      const row = await auditOf(requestId);
      expect(row).toMatchObject({ organizationId, actorType: "portal_user", actorId: userId });
      expect(JSON.stringify(row.detail ?? null)).not.toContain("whsec_");
      return { res, row };
    };
    const path = receiver.route();
    const created = await audited("POST", "/api/portal/settings/webhooks", { url: `${receiver.url}${path}?token=abc`, events: ["lab.failed"] });
    const id = created.res.json.data.id as string;
    expect(created.row).toMatchObject({ action: "create", resourceType: "webhook_endpoint", resourceId: id, detail: { host: new URL(receiver.url).host, events: ["lab.failed"] } });
    expect(JSON.stringify(created.row.detail)).not.toContain("token=abc");
    expect((await audited("GET", "/api/portal/settings/webhooks")).row).toMatchObject({ action: "list", resourceType: "webhook_endpoint" });
    expect((await audited("GET", `/api/portal/settings/webhooks/${id}`)).row).toMatchObject({ action: "read", resourceId: id });
    expect((await audited("PATCH", `/api/portal/settings/webhooks/${id}`, { enabled: false })).row).toMatchObject({ action: "update", resourceId: id, detail: { enabled: false } });
    await audited("PATCH", `/api/portal/settings/webhooks/${id}`, { enabled: true });
    expect((await audited("POST", `/api/portal/settings/webhooks/${id}/rotate-secret`, { graceHours: 1 })).row).toMatchObject({ action: "rotate", resourceId: id, detail: { graceHours: 1 } });
    const test = await audited("POST", `/api/portal/settings/webhooks/${id}/test`);
    expect(test.row).toMatchObject({ action: "send_test", resourceType: "webhook_endpoint", resourceId: id });
    const deliveryId = test.res.json.data.deliveryId as string;
    expect((await audited("GET", `/api/portal/settings/deliveries?status=succeeded`)).row).toMatchObject({ action: "list", resourceType: "webhook_delivery", detail: { status: "succeeded" } });
    expect((await audited("GET", `/api/portal/settings/deliveries/${deliveryId}`)).row).toMatchObject({ action: "read", resourceType: "webhook_delivery", resourceId: deliveryId });
    expect((await audited("POST", `/api/portal/settings/deliveries/${deliveryId}/replay`)).row).toMatchObject({ action: "replay", resourceType: "webhook_delivery", resourceId: deliveryId });
    expect((await audited("POST", `/api/portal/settings/webhooks/${id}/replay-dead-letters`)).row).toMatchObject({ action: "replay", resourceType: "webhook_endpoint", resourceId: id });
    expect((await audited("GET", "/api/portal/settings/webhook-secret")).row).toMatchObject({ action: "read", resourceType: "webhook_secret", resourceId: organizationId });
    expect((await audited("POST", "/api/portal/settings/webhook-secret/reveal")).row).toMatchObject({ action: "reveal", resourceType: "webhook_secret", resourceId: organizationId });
    expect((await audited("POST", "/api/portal/settings/webhook-secret/rotate", { graceHours: 0 })).row).toMatchObject({ action: "rotate", resourceType: "webhook_secret", detail: { graceHours: 0 } });
    expect((await audited("DELETE", `/api/portal/settings/webhooks/${id}`)).row).toMatchObject({ action: "delete", resourceType: "webhook_endpoint", resourceId: id });
  });

  it("answers 405 with Allow for a method an endpoint does not have", async () => {
    const { cookie } = await admin();
    const res = await call("PUT", "/api/portal/settings/webhooks", { cookie });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
  });
});
