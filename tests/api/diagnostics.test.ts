import { describe, expect, it } from "vitest";
import { call } from "../support/app";
import { createTenant } from "../support/fixtures";

describe("/v1/diagnostics/auth (partner envelope)", () => {
  it("answers 204 for a valid key by either header", async () => {
    const { apiKey } = await createTenant();
    expect((await call("GET", "/v1/diagnostics/auth", { apiKey })).status).toBe(204);
    expect((await call("GET", "/v1/diagnostics/auth", { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(204);
  });

  it("answers 401 INVALID_API_KEY in the error envelope, echoing x-request-id", async () => {
    const res = await call("GET", "/v1/diagnostics/auth", { apiKey: "nope", headers: { "x-request-id": "req-123" } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: "INVALID_API_KEY", message: "Invalid or revoked API key", requestId: "req-123" } });
    expect(res.headers.get("x-request-id")).toBe("req-123");
  });

  it("requires both write headers on POST and names what is missing", async () => {
    const { apiKey } = await createTenant();
    const none = await call("POST", "/v1/diagnostics/auth", { apiKey });
    expect(none.status).toBe(400);
    expect(none.json.error.code).toBe("VALIDATION_ERROR");
    expect(none.json.error.details.issues.map((i: { loc: string[] }) => i.loc[1])).toEqual(["x-correlation-id", "idempotency-key"]);
    expect(none.json.error.requestId).toBe(none.headers.get("x-request-id"));

    const blank = await call("POST", "/v1/diagnostics/auth", { apiKey, headers: { "x-correlation-id": " ", "idempotency-key": "k" } });
    expect(blank.status).toBe(400);

    const ok = await call("POST", "/v1/diagnostics/auth", { apiKey, headers: { "x-correlation-id": "c-1", "idempotency-key": "k-1" } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("x-correlation-id")).toBe("c-1");
  });
});
