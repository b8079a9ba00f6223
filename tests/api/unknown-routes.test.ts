/**
 * What a client gets for a path nothing serves or a method a route does not have: the error shape of the
 * surface the path falls under (DESIGN §5), never Next's HTML page or an empty 405, always with x-request-id.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { METHODS } from "@/lib/http/route-paths";
import { call, loadRoutes } from "../support/app";
import { createTenant } from "../support/fixtures";

const id = "00000000-0000-4000-8000-000000000000";

describe("an unknown /v1 path", () => {
  it.each([
    "/v1/submissions/x/y/z",
    `/v1/submissions/${id}/nothing`,
    "/v1/jobs",
    "/v1/jobs/a/b",
    "/v1/webhook-endpoints-nope",
    "/v1/webhook-deliveries/a/b/c",
    "/v1/diagnostics",
    "/v1/agents/nope",
  ])("answers 404 in the partner envelope under %s", async (path) => {
    const { apiKey } = await createTenant();
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await call(method, path, { apiKey, headers: { "x-request-id": `req-${randomUUID()}` } });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: "NOT_FOUND", message: "Not Found", requestId: res.headers.get("x-request-id") } });
      expect(res.headers.get("x-request-id")).toMatch(/^req-/);
    }
  });

  it.each(["/v1/no-such-route", `/v1/users/${id}/nothing`, "/v1/submission", "/v1/jobsx", "/v1/uploads/a/b/c"])(
    "answers 404 in the member shape under %s",
    async (path) => {
      const res = await call("GET", path);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: "Not Found" });
      expect(res.headers.get("x-request-id")).toBeTruthy();
    },
  );

  it("echoes the correlation id on a partner 404", async () => {
    const res = await call("POST", "/v1/submissions/a/b", { headers: { "x-correlation-id": "corr-404" } });
    expect(res.json.error.correlationId).toBe("corr-404");
    expect(res.headers.get("x-correlation-id")).toBe("corr-404");
  });
});

describe("a method a route does not serve", () => {
  it.each([
    ["DELETE", "/v1/submissions", "GET, POST"],
    ["PUT", `/v1/submissions/${id}`, "GET"],
    ["POST", `/v1/submissions/${id}/results`, "GET"],
    ["PATCH", `/v1/jobs/${id}`, "GET"],
    ["DELETE", "/v1/diagnostics/auth", "GET, POST"],
    ["GET", "/v1/agents/lab-results", "POST"],
  ])("answers 405 in the envelope for %s %s, with Allow", async (method, path, allow) => {
    const res = await call(method, path, { headers: { "x-request-id": "req-405" } });
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: `Method not allowed; this resource accepts ${allow}`, requestId: "req-405" } });
    expect(res.headers.get("allow")).toBe(allow);
    expect(res.headers.get("x-request-id")).toBe("req-405");
  });

  it.each([
    ["POST", `/v1/users/${id}/labs`, "GET"],
    ["GET", "/v1/auth/token", "POST"],
    ["DELETE", "/v1/uploads", "POST"],
  ])("answers 405 in the member shape for %s %s", async (method, path, allow) => {
    const res = await call(method, path);
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ detail: `Method not allowed; this resource accepts ${allow}` });
    expect(res.headers.get("allow")).toBe(allow);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("is answered by every /v1 route file itself, so Next never sends its own bodiless 405", async () => {
    for (const route of (await loadRoutes()).filter((r) => r.pattern.startsWith("/v1/"))) {
      for (const method of METHODS) expect(route.module[method], `${method} ${route.pattern}`).toBeTypeOf("function");
    }
  });
});

describe("platform routes", () => {
  it.each(["/health", "/ready", "/openapi.json", "/openapi.yaml"])("%s carries x-request-id, echoing the client's", async (path) => {
    const generated = await call("GET", path);
    expect(generated.headers.get("x-request-id")).toBeTruthy();
    const echoed = await call("GET", path, { headers: { "x-request-id": "req-platform-1" } });
    expect(echoed.headers.get("x-request-id")).toBe("req-platform-1");
  });
});
