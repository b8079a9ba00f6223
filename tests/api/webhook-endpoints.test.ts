/**
 * Partner-managed webhooks through the real routes: endpoints (SSRF refusal, the secret shown once, scope,
 * tenancy, soft delete), secret rotation with two signatures during grace, the test `ping`, the delivery log
 * and replay, and the organisation's own secret. Deliveries go to a real HTTP receiver on 127.0.0.1 and are
 * verified with the `standardwebhooks` package, as a partner's receiver would; replays run on the real
 * executor (tests/support/global-setup.ts).
 */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueDelivery, secretFingerprint } from "@/lib/webhooks";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createKey, createTenant } from "../support/fixtures";
import { WebhookReceiver, type Receipt } from "../support/webhook-receiver";

const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

/** A partner request: POSTs carry the write headers the partner surface requires. */
function api(method: string, url: string, apiKey: string, body?: unknown) {
  const headers: Record<string, string> = method === "POST" ? { "x-correlation-id": `corr-${randomUUID()}`, "idempotency-key": randomUUID() } : {};
  return call(method, url, { apiKey, body, headers });
}

function verifies(receipt: Receipt, secret: string): boolean {
  try {
    new Webhook(secret).verify(receipt.body, receipt.headers);
    return true;
  } catch {
    return false;
  }
}

async function register(apiKey: string, path = receiver.route(), extra: Record<string, unknown> = {}) {
  const res = await api("POST", "/v1/webhook-endpoints", apiKey, { url: `${receiver.url}${path}`, ...extra });
  expect(res.status, res.text).toBe(201);
  return { path, endpoint: res.json as { id: string; secret: string; secretFingerprint: string; events: string[] } };
}

describe("webhook endpoints", () => {
  it("registers an endpoint and shows its secret once, then only its fingerprint", async () => {
    const { apiKey } = await createTenant();
    const { endpoint } = await register(apiKey, receiver.route(), { events: ["lab.results_ready", "lab.failed"], description: "prod" });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(endpoint).toMatchObject({ events: ["lab.results_ready", "lab.failed"], description: "prod", enabled: true, secretFingerprint: secretFingerprint(endpoint.secret) });

    const one = await api("GET", `/v1/webhook-endpoints/${endpoint.id}`, apiKey);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: endpoint.id, secretFingerprint: endpoint.secretFingerprint });
    expect(one.json.secret).toBeUndefined();
    expect(one.text).not.toContain(endpoint.secret);

    const list = await api("GET", "/v1/webhook-endpoints", apiKey);
    expect(list.status).toBe(200);
    expect(list.json.data.map((e: { id: string }) => e.id)).toEqual([endpoint.id]);
    expect(list.text).not.toContain("whsec_");
  });

  it("paginates the list with a cursor, newest first", async () => {
    const { apiKey } = await createTenant();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await register(apiKey)).endpoint.id);
    const first = await api("GET", "/v1/webhook-endpoints?limit=2", apiKey);
    expect(first.json).toMatchObject({ hasMore: true });
    const second = await api("GET", `/v1/webhook-endpoints?limit=2&cursor=${first.json.nextCursor}`, apiKey);
    expect(second.json).toMatchObject({ hasMore: false, nextCursor: null });
    expect([...first.json.data, ...second.json.data].map((e: { id: string }) => e.id)).toEqual(ids.reverse());
  });

  it("refuses the cloud metadata address, plain http, and loopback when the deployment does not allow it", async () => {
    const { apiKey } = await createTenant();
    const refused = async (url: string) => {
      const res = await api("POST", "/v1/webhook-endpoints", apiKey, { url });
      expect(res.status, url).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_ERROR");
      return res.json.error;
    };
    expect((await refused("https://169.254.169.254/latest/meta-data/")).message).toMatch(/link-local/);
    expect((await refused("http://169.254.169.254/latest/meta-data/")).message).toMatch(/must use https/);
    expect((await refused("https://10.1.2.3/hook")).details.issues[0]).toMatchObject({ loc: ["body", "url"], type: "url_blocked_address" });

    const saved = process.env.WEBHOOK_ALLOWED_HOSTS;
    process.env.WEBHOOK_ALLOWED_HOSTS = "";
    try {
      expect((await refused(`${receiver.url}/hooks/x`)).message).toMatch(/must use https/);
      expect((await refused("https://127.0.0.1/hooks/x")).message).toMatch(/loopback/);
    } finally {
      process.env.WEBHOOK_ALLOWED_HOSTS = saved;
    }
    // …and on a change of URL too.
    const { endpoint } = await register(apiKey);
    const patched = await api("PATCH", `/v1/webhook-endpoints/${endpoint.id}`, apiKey, { url: "https://169.254.169.254/" });
    expect(patched.status).toBe(400);
    expect(await db.webhookEndpoint.count({ where: { url: { contains: "169.254" } } })).toBe(0);
  });

  it("accepts only known event types", async () => {
    const { apiKey } = await createTenant();
    const res = await api("POST", "/v1/webhook-endpoints", apiKey, { url: `${receiver.url}/hooks/x`, events: ["lab.exploded"] });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0].loc).toEqual(["body", "events", 0]);
  });

  it("changes URL, events, description and enabled", async () => {
    const { apiKey } = await createTenant();
    const { endpoint } = await register(apiKey);
    const res = await api("PATCH", `/v1/webhook-endpoints/${endpoint.id}`, apiKey, {
      url: `${receiver.url}/hooks/new`,
      events: ["lab.accepted"],
      description: "moved",
      enabled: false,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ url: `${receiver.url}/hooks/new`, events: ["lab.accepted"], description: "moved", enabled: false, secretFingerprint: endpoint.secretFingerprint });
    expect((await api("PATCH", `/v1/webhook-endpoints/${endpoint.id}`, apiKey, {})).status).toBe(400);
  });

  it("needs an admin key and the write headers", async () => {
    const { organizationId, apiKey } = await createTenant();
    const { endpoint } = await register(apiKey);
    for (const scope of ["read", "write"] as const) {
      const key = await createKey(organizationId, [scope]);
      expect((await api("GET", "/v1/webhook-endpoints", key)).status).toBe(403);
      expect((await api("POST", "/v1/webhook-endpoints", key, { url: `${receiver.url}/hooks/x` })).status).toBe(403);
      expect((await api("GET", `/v1/webhook-endpoints/${endpoint.id}`, key)).status).toBe(403);
      expect((await api("DELETE", `/v1/webhook-endpoints/${endpoint.id}`, key)).status).toBe(403);
      expect((await api("GET", "/v1/webhook-deliveries", key)).status).toBe(403);
      expect((await api("GET", "/v1/webhook-secret", key)).status).toBe(403);
    }
    const bare = await call("POST", "/v1/webhook-endpoints", { apiKey, body: { url: `${receiver.url}/hooks/x` } });
    expect(bare.status).toBe(400);
    expect(bare.json.error.message).toMatch(/x-correlation-id, idempotency-key/);
  });

  it("answers 404 for another organisation's endpoint and delivery, and changes nothing", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const { endpoint } = await register(owner.apiKey);
    const ping = await api("POST", `/v1/webhook-endpoints/${endpoint.id}/test`, owner.apiKey);
    const deliveryId = ping.json.deliveryId as string;
    for (const [method, url, body] of [
      ["GET", `/v1/webhook-endpoints/${endpoint.id}`],
      ["PATCH", `/v1/webhook-endpoints/${endpoint.id}`, { enabled: false }],
      ["DELETE", `/v1/webhook-endpoints/${endpoint.id}`],
      ["POST", `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`],
      ["POST", `/v1/webhook-endpoints/${endpoint.id}/test`],
      ["GET", `/v1/webhook-deliveries/${deliveryId}`],
      ["POST", `/v1/webhook-deliveries/${deliveryId}/replay`],
    ] as const) {
      expect((await api(method, url, other.apiKey, body)).status, `${method} ${url}`).toBe(404);
    }
    expect((await api("GET", "/v1/webhook-endpoints", other.apiKey)).json.data).toEqual([]);
    expect((await api("GET", `/v1/webhook-deliveries?endpointId=${endpoint.id}`, other.apiKey)).json.data).toEqual([]);
    expect((await api("GET", `/v1/webhook-endpoints/${endpoint.id}`, owner.apiKey)).json).toMatchObject({ enabled: true, secretFingerprint: endpoint.secretFingerprint });
  });

  it("deletes an endpoint: gone from reads, its undelivered deliveries dead-lettered and not replayable", async () => {
    const { organizationId, apiKey } = await createTenant();
    const { endpoint } = await register(apiKey);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    // Written but not announced: as if it were waiting for its turn or a retry.
    const pending = await db.$transaction((tx) =>
      enqueueDelivery(tx, { organizationId, endpointId: endpoint.id, url: row.url, eventType: "lab.accepted", payload: { type: "lab.accepted" } }),
    );

    expect((await api("DELETE", `/v1/webhook-endpoints/${endpoint.id}`, apiKey)).status).toBe(204);
    expect((await api("GET", `/v1/webhook-endpoints/${endpoint.id}`, apiKey)).status).toBe(404);
    expect((await api("DELETE", `/v1/webhook-endpoints/${endpoint.id}`, apiKey)).status).toBe(404);
    expect((await api("GET", "/v1/webhook-endpoints", apiKey)).json.data).toEqual([]);

    const dead = await api("GET", `/v1/webhook-deliveries/${pending.id}`, apiKey);
    expect(dead.json).toMatchObject({ status: "dead_letter", endpointId: endpoint.id, lastError: "the webhook endpoint was deleted" });
    expect((await api("POST", `/v1/webhook-deliveries/${pending.id}/replay`, apiKey)).status).toBe(409);
    // The secret the partner held is gone from the database.
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret).not.toBe(row.secret);
  });
});

describe("the test ping", () => {
  it("audits every change an admin key makes, with the key as the actor", async () => {
    const { organizationId, apiKey } = await createTenant();
    const { endpoint } = await register(apiKey);
    expect((await api("PATCH", `/v1/webhook-endpoints/${endpoint.id}`, apiKey, { enabled: false, description: "paused" })).status).toBe(200);
    expect((await api("POST", `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, apiKey)).status).toBe(200);
    expect((await api("POST", `/v1/webhook-endpoints/${endpoint.id}/test`, apiKey)).status).toBe(200);
    expect((await api("DELETE", `/v1/webhook-endpoints/${endpoint.id}`, apiKey)).status).toBe(204);
    await eventually(async () => {
      const rows = await db.auditEvent.findMany({ where: { organizationId, resourceType: "webhook_endpoint", resourceId: endpoint.id }, orderBy: { createdAt: "asc" } });
      expect(rows.map((r) => r.action).sort()).toEqual(["create", "delete", "rotate", "send_test", "update"]);
      expect(rows.every((r) => r.actorType === "api_key")).toBe(true);
      expect((rows.find((r) => r.action === "update")?.detail as { changed: string[] }).changed.sort()).toEqual(["description", "enabled"]);
    });
  });

  it("is delivered signed, and answers with the receiver's status and latency", async () => {
    const { apiKey } = await createTenant();
    const { endpoint, path } = await register(apiKey);
    const res = await api("POST", `/v1/webhook-endpoints/${endpoint.id}/test`, apiKey);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ succeeded: true, statusCode: 200, responseExcerpt: "ok", error: null });
    expect(res.json.latencyMs).toBeGreaterThanOrEqual(0);

    const [receipt] = receiver.at(path);
    expect(receipt.headers["webhook-id"]).toBe(res.json.deliveryId);
    expect(verifies(receipt, endpoint.secret)).toBe(true);
    const body = new Webhook(endpoint.secret).verify(receipt.body, receipt.headers) as { type: string; timestamp: string; data: unknown };
    expect(body).toMatchObject({ type: "ping", data: { endpointId: endpoint.id } });
    // The payload's timestamp is the send time, the same second as the signed header.
    expect(Math.floor(Date.parse(body.timestamp) / 1000)).toBe(Number(receipt.headers["webhook-timestamp"]));
  });

  it("reports a failing receiver and records the ping as a dead-lettered delivery", async () => {
    const { apiKey } = await createTenant();
    const { endpoint } = await register(apiKey, receiver.route(503));
    const res = await api("POST", `/v1/webhook-endpoints/${endpoint.id}/test`, apiKey);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ succeeded: false, statusCode: 503, responseExcerpt: "failing on purpose (503)", error: "HTTP 503" });
    expect((await api("GET", `/v1/webhook-deliveries/${res.json.deliveryId}`, apiKey)).json).toMatchObject({ eventType: "ping", status: "dead_letter", attempts: 1 });
  });
});

describe("secret rotation", () => {
  it("signs with the old and the new secret during the grace period, each verifying on its own", async () => {
    const { apiKey } = await createTenant();
    const { endpoint, path } = await register(apiKey);
    const rotated = await api("POST", `/v1/webhook-endpoints/${endpoint.id}/rotate-secret?graceHours=2`, apiKey);
    expect(rotated.status).toBe(200);
    const secret = rotated.json.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    expect(rotated.json.secretFingerprint).toBe(secretFingerprint(secret));
    expect(Date.parse(rotated.json.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(1.9 * 3_600_000);
    expect((await api("GET", `/v1/webhook-endpoints/${endpoint.id}`, apiKey)).text).not.toContain(secret);

    await api("POST", `/v1/webhook-endpoints/${endpoint.id}/test`, apiKey);
    const [receipt] = receiver.at(path);
    expect(receipt.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verifies(receipt, secret)).toBe(true);
    expect(verifies(receipt, endpoint.secret)).toBe(true);
    expect(verifies(receipt, "whsec_" + Buffer.alloc(32, 7).toString("base64"))).toBe(false);
  });

  it("retires the old secret at once with graceHours=0", async () => {
    const { apiKey } = await createTenant();
    const { endpoint, path } = await register(apiKey);
    const rotated = await api("POST", `/v1/webhook-endpoints/${endpoint.id}/rotate-secret?graceHours=0`, apiKey);
    expect(rotated.json.previousSecretExpiresAt).toBeNull();
    await api("POST", `/v1/webhook-endpoints/${endpoint.id}/test`, apiKey);
    const [receipt] = receiver.at(path);
    expect(verifies(receipt, rotated.json.secret)).toBe(true);
    expect(verifies(receipt, endpoint.secret)).toBe(false);
    expect((await api("POST", `/v1/webhook-endpoints/${endpoint.id}/rotate-secret?graceHours=100000`, apiKey)).status).toBe(400);
  });
});

describe("webhook deliveries", () => {
  it("lists deliveries filtered by endpoint, event type and status, and shows each with every attempt", async () => {
    const { apiKey } = await createTenant();
    const good = await register(apiKey);
    const bad = await register(apiKey, receiver.route(500));
    const ok = (await api("POST", `/v1/webhook-endpoints/${good.endpoint.id}/test`, apiKey)).json.deliveryId;
    const failed = (await api("POST", `/v1/webhook-endpoints/${bad.endpoint.id}/test`, apiKey)).json.deliveryId;

    const ids = async (query: string) => (await api("GET", `/v1/webhook-deliveries${query}`, apiKey)).json.data.map((d: { id: string }) => d.id);
    expect(await ids("")).toEqual([failed, ok]);
    expect(await ids(`?endpointId=${good.endpoint.id}`)).toEqual([ok]);
    expect(await ids("?status=dead_letter")).toEqual([failed]);
    expect(await ids("?eventType=ping&status=succeeded")).toEqual([ok]);
    expect(await ids("?eventType=lab.accepted")).toEqual([]);
    const page = await api("GET", "/v1/webhook-deliveries?limit=1", apiKey);
    expect(page.json).toMatchObject({ hasMore: true, data: [{ id: failed }] });
    expect((await api("GET", `/v1/webhook-deliveries?limit=1&cursor=${page.json.nextCursor}`, apiKey)).json.data[0].id).toBe(ok);
    expect((await api("GET", "/v1/webhook-deliveries?status=lost", apiKey)).status).toBe(400);

    const detail = await api("GET", `/v1/webhook-deliveries/${failed}`, apiKey);
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ id: failed, endpointId: bad.endpoint.id, eventType: "ping", status: "dead_letter", payload: { type: "ping" } });
    expect(detail.json.attemptLog).toEqual([
      { attempt: 1, statusCode: 500, latencyMs: expect.any(Number), responseExcerpt: "failing on purpose (500)", error: "HTTP 500", attemptedAt: expect.any(String) },
    ]);
  });

  it("replays a dead-lettered delivery with the same webhook-id, and refuses one still open", async () => {
    const { apiKey } = await createTenant();
    const { endpoint, path } = await register(apiKey, receiver.route(500));
    const deliveryId = (await api("POST", `/v1/webhook-endpoints/${endpoint.id}/test`, apiKey)).json.deliveryId;

    receiver.answer(path, 200);
    const replay = await api("POST", `/v1/webhook-deliveries/${deliveryId}/replay`, apiKey);
    expect(replay.status).toBe(202);
    expect(replay.json).toMatchObject({ id: deliveryId, status: "pending" });

    const detail = await eventually(async () => {
      const res = await api("GET", `/v1/webhook-deliveries/${deliveryId}`, apiKey);
      expect(res.json.status).toBe("succeeded");
      return res.json;
    }, 30_000);
    expect(detail.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
    const receipts = receiver.at(path);
    expect(receipts.map((r) => r.headers["webhook-id"])).toEqual([deliveryId, deliveryId]);
    expect(receipts.every((r) => verifies(r, endpoint.secret))).toBe(true);

    const pending = await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "failed" } });
    expect((await api("POST", `/v1/webhook-deliveries/${pending.id}/replay`, apiKey)).status).toBe(409);
  });
});

describe("the organisation's signing secret", () => {
  it("is read in full by an admin key, every read audited", async () => {
    const { organizationId, apiKey } = await createTenant();
    const res = await api("GET", "/v1/webhook-secret", apiKey);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ secret: expect.stringMatching(/^whsec_/), previousSecretFingerprint: null, previousSecretExpiresAt: null });
    expect(res.json.secretFingerprint).toBe(secretFingerprint(res.json.secret));
    expect((await api("GET", "/v1/webhook-secret", apiKey)).json.secret).toBe(res.json.secret);
    await eventually(async () =>
      expect(await db.auditEvent.count({ where: { organizationId, resourceType: "webhook_secret", action: "read", resourceId: organizationId } })).toBe(2),
    );
  });

  it("rotates, the previous one named by fingerprint until its grace period ends", async () => {
    const { organizationId, apiKey } = await createTenant();
    const before = (await api("GET", "/v1/webhook-secret", apiKey)).json;
    const rotated = await api("POST", "/v1/webhook-secret/rotate?graceHours=1", apiKey);
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(before.secret);
    expect(rotated.json.previousSecretFingerprint).toBe(before.secretFingerprint);
    expect(rotated.text).not.toContain(before.secret);
    expect((await api("GET", "/v1/webhook-secret", apiKey)).json).toEqual(rotated.json);
    await eventually(async () => expect(await db.auditEvent.count({ where: { organizationId, resourceType: "webhook_secret", action: "rotate" } })).toBe(1));
    // Another organisation's secret is its own.
    const other = await createTenant();
    expect((await api("GET", "/v1/webhook-secret", other.apiKey)).json.secret).not.toBe(rotated.json.secret);
  });
});
