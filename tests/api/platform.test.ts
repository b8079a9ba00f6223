import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appFetch, call } from "../support/app";
import { createMember, createTenant, uploadFile } from "../support/fixtures";
import { diffMigrationsAgainstSchema } from "@/lib/db/migrate";

describe("platform routes", () => {
  it("GET /health answers without a key", async () => {
    expect((await call("GET", "/health")).json).toEqual({ status: "ok" });
  });

  it("echoes a sane x-request-id, or makes one, on /health, /ready and the OpenAPI document", async () => {
    for (const path of ["/health", "/ready", "/openapi.json", "/openapi.yaml"]) {
      const echoed = await call("GET", path, { headers: { "x-request-id": `platform-${randomUUID()}` } });
      expect(echoed.headers.get("x-request-id"), path).toMatch(/^platform-/);
      expect((await call("GET", path)).headers.get("x-request-id"), path).toBeTruthy();
    }
  });

  it("GET /ready checks database, storage and executor", async () => {
    const res = await call("GET", "/ready");
    expect(res.status).toBe(200);
    expect(res.json.checks).toEqual({ database: { ok: true }, storage: { ok: true }, executor: { ok: true } });
  });

  it("serves one OpenAPI 3.1 document as JSON and YAML", async () => {
    const json = (await call("GET", "/openapi.json")).json;
    const yaml = parse((await call("GET", "/openapi.yaml")).text);
    expect(json.openapi).toBe("3.1.0");
    expect(yaml).toEqual(json);
    expect(json.components.schemas.CreateUploadRequest.required).toEqual(["filename", "content_type", "size"]);
  });

  it("marks the keyless routes public and states how the others authenticate", async () => {
    const { paths, components } = (await call("GET", "/openapi.json")).json;
    for (const path of ["/health", "/ready", "/openapi.json", "/openapi.yaml", "/storage/{key}"]) {
      for (const operation of Object.values(paths[path]) as { security: unknown[] }[]) expect(operation.security).toEqual([]);
    }
    expect(Object.keys(components.securitySchemes).sort()).toEqual(["ApiKey", "ApiKeyBearer", "MemberJwt"]);
    expect(paths["/v1/users/{user_id}/labs"].get.security).toEqual([{ MemberJwt: [] }]);
    expect(paths["/v1/agents/lab-results"].post.security).toEqual([{ ApiKey: [] }, { ApiKeyBearer: [] }]);
  });

  it("documents each surface's error answers in its own shape", async () => {
    const { paths } = (await call("GET", "/openapi.json")).json;
    const member = paths["/v1/users/{user_id}/labs/upload"].post.responses;
    expect(Object.keys(member).sort()).toEqual(["202", "401", "403", "404", "409", "413", "422", "500"]);
    expect(member["422"].content["application/json"].schema.$ref).toBe("#/components/schemas/HTTPValidationError");
    expect(member["404"].content["application/json"].schema.$ref).toBe("#/components/schemas/MemberError");

    const agent = paths["/v1/agents/lab-results"].post.responses;
    expect(Object.keys(agent).sort()).toEqual(["200", "400", "401", "403", "404", "409", "413", "429", "500"]);
    expect(agent["429"].content["application/json"].schema.$ref).toBe("#/components/schemas/ErrorEnvelope");
    expect(Object.keys(agent["429"].headers)).toEqual(
      expect.arrayContaining(["Retry-After", "X-Concurrent-Limit", "X-Concurrent-Active", "X-Concurrent-Remaining", "Cache-Control"]),
    );
  });

  it("describes every webhook we send, with its payload and the Standard Webhooks headers", async () => {
    const { webhooks } = (await call("GET", "/openapi.json")).json;
    expect(Object.keys(webhooks).sort()).toEqual([
      "lab.accepted",
      "lab.failed",
      "lab.job_status_changed",
      "lab.results_ready",
      "labResultsComplete",
      "labResultsFailed",
      "labResultsStatus",
      "ping",
    ]);
    for (const hook of Object.values(webhooks) as { post: { parameters: { name: string; in: string; required?: boolean }[]; requestBody: unknown } }[]) {
      const required = hook.post.parameters.filter((p) => p.in === "header" && p.required).map((p) => p.name);
      expect(required.sort()).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
      expect(hook.post.requestBody).toMatchObject({ content: { "application/json": { schema: { $ref: expect.any(String) }, example: expect.any(Object) } } });
    }
  });
});

describe("Cache-Control on the API", () => {
  const NO_STORE = "private, no-store";

  it("is private, no-store on a success, an error and a 404 of an unknown /v1 path", async () => {
    const { apiKey } = await createTenant();
    expect((await call("GET", "/v1/diagnostics/auth", { apiKey })).headers.get("cache-control")).toBe(NO_STORE);
    expect((await call("GET", "/v1/diagnostics/auth", { apiKey: "nope" })).headers.get("cache-control")).toBe(NO_STORE);
    const unknown = await call("GET", "/v1/no-such-route", { apiKey });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ detail: "Not Found" });
    expect(unknown.headers.get("cache-control")).toBe(NO_STORE);
  });

  it("is private, no-store on a validation error and on an idempotent replay", async () => {
    const { apiKey } = await createTenant();
    const invalid = await call("POST", "/v1/auth/token", { apiKey, body: { create: true } });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("cache-control")).toBe(NO_STORE);

    const request = { apiKey, body: { external_id: `ext-${randomUUID()}`, create: true }, headers: { "idempotency-key": randomUUID() } };
    await call("POST", "/v1/auth/token", request);
    const replay = await call("POST", "/v1/auth/token", request);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("cache-control")).toBe(NO_STORE);
  });

  it("is private, no-store on the redirect to a stored file", async () => {
    const { apiKey } = await createTenant();
    const member = await createMember(apiKey);
    const { fileUrl } = await uploadFile(member.token);
    const download = await appFetch(fileUrl, { headers: { authorization: `Bearer ${member.token}` } });
    expect(download.status).toBe(307);
    expect(download.headers.get("cache-control")).toBe(NO_STORE);
  });

  it("is left to the platform routes themselves", async () => {
    expect((await call("GET", "/health")).headers.get("cache-control")).toBeNull();
  });
});

describe("migrations", () => {
  it("agree with schema.prisma (replayed into a scratch database and diffed by Prisma's schema engine)", async () => {
    expect(await diffMigrationsAgainstSchema(process.env.DATABASE_URL!)).toBe("");
  }, 60_000);
});
