import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/auth/api-keys";
import { call } from "../support/app";
import { createKey, createMember, createTenant } from "../support/fixtures";

describe("POST /v1/auth/token", () => {
  it("creates a member from external_id and mints a token for it; the same external_id finds the same member", async () => {
    const { apiKey } = await createTenant();
    const externalId = `ext-${randomUUID()}`;
    const first = await call("POST", "/v1/auth/token", { apiKey, body: { external_id: externalId, create: true } });
    expect(first.status).toBe(200);
    expect(first.json.data).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(first.json.data.access_token.split(".")).toHaveLength(3);

    const again = await call("POST", "/v1/auth/token", { apiKey, body: { external_id: externalId } });
    expect(again.json.data.user_id).toBe(first.json.data.user_id);
    const byId = await call("POST", "/v1/auth/token", { apiKey, body: { user_id: first.json.data.user_id } });
    expect(byId.status).toBe(200);
  });

  it("gives twenty parallel first requests for one new external_id the same member, all 200", async () => {
    const { apiKey } = await createTenant();
    const body = { external_id: `ext-${randomUUID()}`, create: true };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call("POST", "/v1/auth/token", { apiKey, body })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.json.data.user_id)).size).toBe(1);
  });

  it("answers 404 for an unknown member and for another organisation's member", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const memberOfB = await createMember(b.apiKey);
    expect((await call("POST", "/v1/auth/token", { apiKey: a.apiKey, body: { user_id: memberOfB.userId } })).status).toBe(404);
    expect((await call("POST", "/v1/auth/token", { apiKey: a.apiKey, body: { external_id: "nobody" } })).json).toEqual({
      detail: "User not found",
    });
  });

  it("rejects malformed JSON and wrong fields with 422 in the member error shape", async () => {
    const { apiKey } = await createTenant();
    const malformed = await call("POST", "/v1/auth/token", { apiKey, rawBody: "{not json" });
    expect(malformed.status).toBe(422);
    expect(malformed.json.detail[0]).toMatchObject({ loc: ["body"], type: "json_invalid" });

    const neither = await call("POST", "/v1/auth/token", { apiKey, body: {} });
    expect(neither.status).toBe(422);
    expect(neither.json.detail[0].loc).toEqual(["body", "user_id"]);

    const wrongType = await call("POST", "/v1/auth/token", { apiKey, body: { user_id: 42 } });
    expect(wrongType.status).toBe(422);
    expect(wrongType.json.detail[0]).toMatchObject({ loc: ["body", "user_id"] });

    const unknownField = await call("POST", "/v1/auth/token", { apiKey, body: { external_id: "x", admin: true } });
    expect(unknownField.status).toBe(422);
  });

  it("answers 401 for missing, garbage, unknown and revoked keys, and 403 for a read-only key", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = { external_id: "x", create: true };
    const missing = await call("POST", "/v1/auth/token", { body });
    expect(missing.status).toBe(401);
    expect(typeof missing.json.detail).toBe("string");
    expect((await call("POST", "/v1/auth/token", { apiKey: "garbage", body })).status).toBe(401);
    expect((await call("POST", "/v1/auth/token", { apiKey: `lw_abcdefgh_${"x".repeat(32)}`, body })).status).toBe(401);

    const doomed = await createKey(organizationId, ["write"]);
    await revokeApiKey(organizationId, doomed.slice(0, 11));
    expect((await call("POST", "/v1/auth/token", { apiKey: doomed, body })).status).toBe(401);

    const readOnly = await createKey(organizationId, ["read"]);
    const forbidden = await call("POST", "/v1/auth/token", { apiKey: readOnly, body });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.detail).toMatch(/write/);

    const bearer = await call("POST", "/v1/auth/token", { headers: { authorization: `Bearer ${apiKey}` }, body });
    expect(bearer.status).toBe(200);
  });
});
