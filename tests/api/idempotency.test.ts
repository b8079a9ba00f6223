import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call } from "../support/app";
import { createMember, createTenant } from "../support/fixtures";

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
});
