import { vi, describe, expect, it } from "vitest";

// Nothing listens on port 9: the Inngest client cannot send the pipeline event.
vi.hoisted(() => {
  process.env.INNGEST_BASE_URL = "http://127.0.0.1:9";
});

const { call } = await import("../support/app");
const { createMember, createTenant, uploadFile } = await import("../support/fixtures");

describe("registering a lab when the workflow cannot start", () => {
  it("keeps the lab pending with workflow_id null, and a later registration of the same file retries", async () => {
    const { apiKey } = await createTenant();
    const { userId, token } = await createMember(apiKey);
    const { fileUrl } = await uploadFile(token);
    const res = await call("POST", `/v1/users/${userId}/labs/upload`, { token, body: { file_url: fileUrl } });
    expect(res.status).toBe(202);
    expect(res.json.data).toMatchObject({ status: "pending", workflow_id: null });

    const detail = await call("GET", `/v1/users/${userId}/labs/${res.json.data.lab_result_id}`, { token });
    expect(detail.json.data).toMatchObject({ status: "pending", workflow_id: null });
  });

  it("reports the executor as unreachable on /ready", async () => {
    const ready = await call("GET", "/ready");
    expect(ready.status).toBe(503);
    expect(ready.json.checks.executor.ok).toBe(false);
  });
});
