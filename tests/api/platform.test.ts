import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { call } from "../support/app";
import { diffMigrationsAgainstSchema } from "@/lib/db/migrate";

describe("platform routes", () => {
  it("GET /health answers without a key", async () => {
    expect((await call("GET", "/health")).json).toEqual({ status: "ok" });
  });

  it("GET /ready checks database, storage and executor", async () => {
    const res = await call("GET", "/ready");
    expect(res.status).toBe(200);
    expect(res.json.checks).toEqual({ database: { ok: true }, storage: { ok: true }, executor: { ok: true } });
  });

  it("serves one OpenAPI 3.1 document as JSON and YAML, describing every route", async () => {
    const json = (await call("GET", "/openapi.json")).json;
    const yaml = parse((await call("GET", "/openapi.yaml")).text);
    expect(json.openapi).toBe("3.1.0");
    expect(yaml).toEqual(json);
    expect(Object.keys(json.paths).sort()).toEqual(
      [
        "/health",
        "/ready",
        "/openapi.json",
        "/openapi.yaml",
        "/v1/agents/lab-results",
        "/v1/agents/lab-results/{runId}",
        "/v1/auth/token",
        "/v1/diagnostics/auth",
        "/v1/uploads",
        "/v1/uploads/{upload_id}/file",
        "/v1/users/{user_id}/jobs/{job_id}",
        "/v1/users/{user_id}/labs",
        "/v1/users/{user_id}/labs/upload",
        "/v1/users/{user_id}/labs/{lab_result_id}",
      ].sort(),
    );
    expect(json.components.schemas.CreateUploadRequest.required).toEqual(["filename", "content_type", "size"]);
  });
});

describe("migrations", () => {
  it("agree with schema.prisma (replayed into a scratch database and diffed by Prisma's schema engine)", async () => {
    expect(await diffMigrationsAgainstSchema(process.env.DATABASE_URL!)).toBe("");
  }, 60_000);
});
