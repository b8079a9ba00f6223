/**
 * An Idempotency-Key whose first request died mid-flight (its process crashed after claiming the key) does
 * not stay claimed: once the claim's lease has passed, the retry runs the work at once. A first request that
 * is alive still makes a concurrent second one wait for it and replay its answer.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimFor, withIdempotency, type IdempotentRequest } from "@/lib/http/idempotency";
import { call } from "../support/app";
import { createTenant } from "../support/fixtures";

/** What the first request left behind when its process died: a claim with no answer, claimed `ageMs` ago. */
async function abandonedClaim(req: IdempotentRequest, ageMs: number) {
  await db.idempotencyRecord.create({ data: claimFor(req, new Date(Date.now() - ageMs)) });
}

/** A token request by the tenant's API key, and the record the route keeps for it. */
async function tokenRequest() {
  const { apiKey, organizationId } = await createTenant();
  const { id } = await db.apiKey.findFirstOrThrow({ where: { organizationId } });
  const body = { external_id: `ext-${randomUUID()}`, create: true };
  const key = `crashed-${randomUUID()}`;
  const record: IdempotentRequest = { organizationId, credentialId: `apiKey:${id}`, key, method: "POST", path: "/v1/auth/token", body: JSON.stringify(body) };
  const send = () => call("POST", "/v1/auth/token", { apiKey, body, headers: { "idempotency-key": key } });
  return { record, send };
}

describe("Idempotency-Key whose first request died", () => {
  it("runs the retry at once when the dead claim is past its lease", async () => {
    const { record, send } = await tokenRequest();
    await abandonedClaim(record, 60_000);

    const started = Date.now();
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(Date.now() - started).toBeLessThan(3000);

    const again = await send();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(retry.json);
  });

  it("answers 409 at once, with how long until the lease ends, when the dead claim is recent", async () => {
    const { record, send } = await tokenRequest();
    await abandonedClaim(record, 5_000);

    const started = Date.now();
    const retry = await send();
    expect(retry.status).toBe(409);
    expect(Number(retry.headers.get("retry-after"))).toBeGreaterThanOrEqual(20);
    expect(Number(retry.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("Idempotency-Key whose first request is still running", () => {
  it("makes a second request wait for the first and replay its answer, running the work once", async () => {
    const { organizationId } = await createTenant();
    const req: IdempotentRequest = { organizationId, credentialId: `apiKey:${randomUUID()}`, key: `live-${randomUUID()}`, method: "POST", path: "/v1/x", body: "{}" };
    let runs = 0;
    const slowWork = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 600));
      return new Response(JSON.stringify({ run: runs }), { status: 201, headers: { "content-type": "application/json" } });
    };

    const first = withIdempotency(req, slowWork);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = withIdempotency(req, slowWork);
    const [a, b] = await Promise.all([first, second]);

    expect(runs).toBe(1);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await b.text()).toBe(await a.text());
    expect(b.headers.get("idempotent-replayed")).toBe("true");
  });
});
