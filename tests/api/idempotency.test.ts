import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call } from "../support/app";
import { createKey, createMember, createTenant } from "../support/fixtures";

describe("Idempotency-Key on partner POSTs", () => {
  it("replays the first response for the same key and body, and refuses another body with 409", async () => {
    const { apiKey } = await createTenant();
    const { token } = await createMember(apiKey);
    const body = { filename: "a.csv", content_type: "text/csv", size: 10 };
    const headers = { "idempotency-key": "key-1" };
    const first = await call("POST", "/v1/uploads", { token, body, headers });
    const second = await call("POST", "/v1/uploads", { token, body, headers });
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const other = await call("POST", "/v1/uploads", { token, body: { ...body, size: 11 }, headers });
    expect(other.status).toBe(409);
    expect(other.json.detail).toMatch(/different request/);
  });

  it("keys are per organisation", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const headers = { "idempotency-key": "shared-key" };
    const ra = await call("POST", "/v1/auth/token", { apiKey: a.apiKey, body: { external_id: "same", create: true }, headers });
    const rb = await call("POST", "/v1/auth/token", { apiKey: b.apiKey, body: { external_id: "same", create: true }, headers });
    expect(ra.json.data.user_id).not.toBe(rb.json.data.user_id);
  });

  it("runs the work once when requests with one key race", async () => {
    const { apiKey } = await createTenant();
    const { userId, token } = await createMember(apiKey);
    const body = { filename: "race.csv", content_type: "text/csv", size: 10 };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => call("POST", "/v1/uploads", { token, body, headers: { "idempotency-key": "race" } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.json.data.upload_id)).size).toBe(1);
    expect(await db.upload.count({ where: { memberId: userId } })).toBe(1);
  });

  it("replays a client error too, so a retried bad request gets the same answer", async () => {
    const { apiKey } = await createTenant();
    const request = { apiKey, body: { user_id: crypto.randomUUID() }, headers: { "idempotency-key": "bad-1" } };
    const first = await call("POST", "/v1/auth/token", request);
    const second = await call("POST", "/v1/auth/token", request);
    expect(first.status).toBe(404);
    expect(second.status).toBe(404);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
  });

  it("keys are per member: two members of one organisation sending one key each get their own upload", async () => {
    const { apiKey } = await createTenant();
    const alice = await createMember(apiKey);
    const bob = await createMember(apiKey);
    const body = { filename: "a.csv", content_type: "text/csv", size: 10 };
    const headers = { "idempotency-key": `shared-${randomUUID()}` };
    const first = await call("POST", "/v1/uploads", { token: alice.token, body, headers });
    const second = await call("POST", "/v1/uploads", { token: bob.token, body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json.data.upload_id).not.toBe(first.json.data.upload_id);
    expect(second.json.data.upload_url).not.toBe(first.json.data.upload_url);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(await db.upload.count({ where: { memberId: bob.userId } })).toBe(1);
  });

  it("keys are per API key: two keys of one organisation sending one key each get their own answer", async () => {
    const { apiKey, organizationId } = await createTenant();
    const otherKey = await createKey(organizationId, ["write"]);
    const { userId } = await createMember(apiKey);
    const body = { filename: "a.csv", content_type: "text/csv", size: 10, user_id: userId };
    const headers = { "idempotency-key": `shared-${randomUUID()}` };
    const first = await call("POST", "/v1/uploads", { apiKey, body, headers });
    const second = await call("POST", "/v1/uploads", { apiKey: otherKey, body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json.data.upload_id).not.toBe(first.json.data.upload_id);
    expect(second.headers.get("idempotent-replayed")).toBeNull();

    const again = await call("POST", "/v1/uploads", { apiKey: otherKey, body, headers });
    expect(again.json).toEqual(second.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("stores a minted member token encrypted, and replays it intact", async () => {
    const { apiKey, organizationId } = await createTenant();
    const key = `token-${randomUUID()}`;
    const request = { apiKey, body: { external_id: `ext-${randomUUID()}`, create: true }, headers: { "idempotency-key": key } };
    const first = await call("POST", "/v1/auth/token", request);
    expect(first.status).toBe(200);
    const row = await db.idempotencyRecord.findFirstOrThrow({ where: { organizationId, key } });
    expect(row.responseBody).not.toContain(first.json.data.access_token);
    expect(row.responseBody).not.toContain(first.json.data.user_id);

    const replayed = await call("POST", "/v1/auth/token", request);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.text).toBe(first.text);
  });

  it("stores a signed upload URL encrypted, and replays it intact", async () => {
    const { apiKey, organizationId } = await createTenant();
    const { token } = await createMember(apiKey);
    const key = `upload-${randomUUID()}`;
    const request = { token, body: { filename: "a.csv", content_type: "text/csv", size: 10 }, headers: { "idempotency-key": key } };
    const first = await call("POST", "/v1/uploads", request);
    expect(first.status).toBe(201);
    const row = await db.idempotencyRecord.findFirstOrThrow({ where: { organizationId, key } });
    const signature = new URL(first.json.data.upload_url).searchParams.get("signature")!;
    expect(row.responseBody).not.toContain(first.json.data.upload_url);
    expect(row.responseBody).not.toContain(signature);
    expect(row.responseBody).not.toContain(first.json.data.upload_id);

    const replayed = await call("POST", "/v1/uploads", request);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.text).toBe(first.text);
  });

  it("stores a remembered client error encrypted, and replays it intact", async () => {
    const { apiKey, organizationId } = await createTenant();
    const key = `bad-${randomUUID()}`;
    const missing = randomUUID();
    const request = { apiKey, body: { user_id: missing }, headers: { "idempotency-key": key } };
    const first = await call("POST", "/v1/auth/token", request);
    expect(first.status).toBe(404);
    const row = await db.idempotencyRecord.findFirstOrThrow({ where: { organizationId, key } });
    expect(row.responseBody).not.toMatch(/not found/i);

    const replayed = await call("POST", "/v1/auth/token", request);
    expect(replayed.status).toBe(404);
    expect(replayed.json).toEqual(first.json);
  });
});

describe("Idempotency-Key and the query string", () => {
  it("treats the same key with another query as another request (409), and the same query as a replay", async () => {
    const { organizationId } = await createTenant();
    const admin = await createKey(organizationId, ["admin"]);
    const headers = { "x-correlation-id": `corr-${randomUUID()}`, "idempotency-key": `rotate-${randomUUID()}` };
    const first = await call("POST", "/v1/webhook-secret/rotate?graceHours=1", { apiKey: admin, headers });
    expect(first.status, first.text).toBe(200);
    const replay = await call("POST", "/v1/webhook-secret/rotate?graceHours=1", { apiKey: admin, headers });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json).toEqual(first.json);
    const other = await call("POST", "/v1/webhook-secret/rotate?graceHours=48", { apiKey: admin, headers });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("IDEMPOTENCY_CONFLICT");
  });
});
