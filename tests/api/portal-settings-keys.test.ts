/**
 * The portal's API-key endpoints (`/api/portal/settings/api-keys/*`) with a real Auth.js session cookie: an
 * admin creates a key (the secret in that answer only), which then works against the partner API with its
 * scopes; the list shows it by prefix with its last use, live keys before revoked ones; a revoke makes the API
 * answer 401 at once, to the key and to the member tokens it minted. A clinician is refused (403), another
 * organisation's key is not found (404), bad input is a 400, and create and revoke are audited with a detail
 * that names the key.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PortalApiKey, PortalCreatedApiKey } from "@/lib/organizations/settings-schemas";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createPortalUser, createTenant } from "../support/fixtures";

const KEYS = "/api/portal/settings/api-keys";

async function admin() {
  const { organizationId, apiKey } = await createTenant();
  const { cookie, userId } = await createPortalUser(organizationId, "admin");
  return { organizationId, apiKey, cookie, userId };
}

async function create(cookie: string, body: object, headers: Record<string, string> = {}) {
  const res = await call("POST", KEYS, { cookie, body, headers });
  expect(res.status, res.text).toBe(201);
  return res.json.data as PortalCreatedApiKey;
}

async function list(cookie: string) {
  const res = await call("GET", KEYS, { cookie });
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return res.json.data as PortalApiKey[];
}

const revoke = (cookie: string, id: string, headers: Record<string, string> = {}) => call("POST", `${KEYS}/${id}/revoke`, { cookie, headers });

describe("portal API-key endpoints", () => {
  it("creates a key that works with the partner API within its scopes, and the secret is in that answer only", async () => {
    const { cookie } = await admin();
    const key = await create(cookie, { name: "Reporting", scopes: ["read"] });
    expect(key).toMatchObject({ name: "Reporting", scopes: ["read"], lastUsedAt: null, revokedAt: null });
    expect(key.prefix).toMatch(/^lw_[a-z0-9]{8}$/);
    expect(key.key.startsWith(`${key.prefix}_`)).toBe(true);

    expect((await call("GET", "/v1/diagnostics/auth", { apiKey: key.key })).status).toBe(204);
    expect((await call("GET", "/v1/webhook-endpoints", { apiKey: key.key })).status).toBe(403);

    const listed = (await list(cookie)).find((k) => k.id === key.id);
    expect(listed).toMatchObject({ name: "Reporting", prefix: key.prefix, scopes: ["read"] });
    expect(listed).not.toHaveProperty("key");
    expect(JSON.stringify(await list(cookie))).not.toContain(key.key);
    // The use above is recorded (at most once a minute per key, off the request path).
    await eventually(async () => expect((await list(cookie)).find((k) => k.id === key.id)?.lastUsedAt).not.toBeNull());
  });

  it("revokes a key: the API answers 401 at once, to the key and to the member tokens it minted", async () => {
    const { cookie } = await admin();
    const key = await create(cookie, { name: "Integration", scopes: ["write", "admin"] });
    expect((await call("GET", "/v1/webhook-endpoints", { apiKey: key.key })).status).toBe(200);
    const token = await call("POST", "/v1/auth/token", { apiKey: key.key, body: { external_id: `ext-${randomUUID()}`, create: true } });
    expect(token.status, token.text).toBe(200);
    const member = { token: token.json.data.access_token as string, id: token.json.data.user_id as string };
    expect((await call("GET", `/v1/users/${member.id}/labs`, { token: member.token })).status).toBe(200);

    const res = await revoke(cookie, key.id);
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ id: key.id, name: "Integration", prefix: key.prefix });
    expect(res.json.data.revokedAt).not.toBeNull();

    expect((await call("GET", "/v1/webhook-endpoints", { apiKey: key.key })).status).toBe(401);
    expect((await call("GET", `/v1/users/${member.id}/labs`, { token: member.token })).status).toBe(401);
    expect((await revoke(cookie, key.id)).status).toBe(409);
  });

  it("lists live keys newest first, then revoked ones", async () => {
    const { cookie } = await admin();
    const older = await create(cookie, { name: "Older", scopes: ["read"] });
    const revoked = await create(cookie, { name: "Gone", scopes: ["read"] });
    const newer = await create(cookie, { name: "Newer", scopes: ["read", "write"] });
    expect((await revoke(cookie, revoked.id)).status).toBe(200);
    const keys = await list(cookie);
    // The tenant's initial key is the oldest live one.
    expect(keys.map((k) => k.name)).toEqual(["Newer", "Older", "Initial key", "Gone"]);
    expect(keys.map((k) => k.id).slice(0, 2)).toEqual([newer.id, older.id]);
    expect(keys.at(-1)?.revokedAt).not.toBeNull();
  });

  it("refuses a key without a name or a scope, with an unknown scope, or a scope twice", async () => {
    const { cookie, organizationId } = await admin();
    for (const body of [{ name: "", scopes: ["read"] }, { name: "No scope", scopes: [] }, { name: "Odd", scopes: ["root"] }, { name: "Twice", scopes: ["read", "read"] }, { scopes: ["read"] }]) {
      const res = await call("POST", KEYS, { cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_ERROR");
    }
    expect((await call("POST", KEYS, { cookie, rawBody: "{not json" })).status).toBe(400);
    expect((await revoke(cookie, "not-a-uuid")).status).toBe(400);
    expect(await db.apiKey.count({ where: { organizationId } })).toBe(1);
  });

  it("answers 404 for another organisation's key and leaves it working", async () => {
    const a = await admin();
    const b = await admin();
    const theirs = await create(b.cookie, { name: "Theirs", scopes: ["read"] });
    expect((await revoke(a.cookie, theirs.id)).status).toBe(404);
    expect((await revoke(a.cookie, randomUUID())).status).toBe(404);
    expect((await list(a.cookie)).map((k) => k.id)).not.toContain(theirs.id);
    expect((await call("GET", "/v1/diagnostics/auth", { apiKey: theirs.key })).status).toBe(204);
  });

  it("refuses a clinician with 403 on every key endpoint, and a visitor with 401", async () => {
    const { organizationId, cookie } = await admin();
    const key = await create(cookie, { name: "Kept", scopes: ["read"] });
    const clinician = await createPortalUser(organizationId, "clinician");
    expect((await call("GET", KEYS, { cookie: clinician.cookie })).status).toBe(403);
    expect((await call("POST", KEYS, { cookie: clinician.cookie, body: { name: "Mine", scopes: ["admin"] } })).status).toBe(403);
    expect((await revoke(clinician.cookie, key.id)).status).toBe(403);
    expect((await call("GET", KEYS)).status).toBe(401);
    expect(await db.apiKey.count({ where: { organizationId } })).toBe(2);
    expect((await call("GET", "/v1/diagnostics/auth", { apiKey: key.key })).status).toBe(204);
  });

  it("audits the list, the create (name, scopes, prefix) and the revoke (prefix, name), never the secret", async () => {
    const { organizationId, cookie, userId } = await admin();
    const row = (requestId: string) =>
      eventually(async () => {
        const rows = await db.auditEvent.findMany({ where: { organizationId, requestId } });
        expect(rows).toHaveLength(1);
        return rows[0];
      });
    const createdId = `create-${randomUUID()}`;
    const key = await create(cookie, { name: "Audited", scopes: ["read", "write"] }, { "x-request-id": createdId });
    expect(await row(createdId)).toMatchObject({
      actorType: "portal_user",
      actorId: userId,
      action: "create",
      resourceType: "api_key",
      resourceId: key.id,
      detail: { name: "Audited", scopes: ["read", "write"], prefix: key.prefix },
    });
    const revokedId = `revoke-${randomUUID()}`;
    expect((await revoke(cookie, key.id, { "x-request-id": revokedId })).status).toBe(200);
    expect(await row(revokedId)).toMatchObject({ actorId: userId, action: "revoke", resourceType: "api_key", resourceId: key.id, detail: { prefix: key.prefix, name: "Audited" } });
    const listedId = `list-${randomUUID()}`;
    expect((await call("GET", KEYS, { cookie, headers: { "x-request-id": listedId } })).status).toBe(200);
    expect(await row(listedId)).toMatchObject({ action: "list", resourceType: "api_key", resourceId: null });
    const trail = JSON.stringify(await db.auditEvent.findMany({ where: { organizationId } }));
    expect(trail).not.toContain(key.key);
  });

  it("answers 405 with Allow for a method a key endpoint does not have", async () => {
    const { cookie } = await admin();
    const res = await call("DELETE", KEYS, { cookie });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
  });
});
