/**
 * A submission whose pipeline cannot be started: 503 with Retry-After, nothing left behind, so the partner's
 * retry with the same partnerSubmissionId (and the same Idempotency-Key) is not refused as a duplicate.
 */
import { vi, describe, expect, it } from "vitest";

// Nothing listens on port 9: the Inngest client cannot send the pipeline event.
vi.hoisted(() => {
  process.env.INNGEST_BASE_URL = "http://127.0.0.1:9";
});

const { db } = await import("@/lib/db");
const { createTenant } = await import("../support/fixtures");
const { submissionBody, submit } = await import("../support/submissions");

describe("POST /v1/submissions when the pipeline cannot start", () => {
  it("answers 503 with Retry-After, keeps no submission, and a retry is tried again rather than replayed or refused", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = submissionBody();
    const headers = { "idempotency-key": "unstarted-1", "x-correlation-id": "corr-unstarted" };
    const first = await submit(apiKey, body, headers);
    expect(first.status).toBe(503);
    expect(first.json.error).toMatchObject({ code: "SERVICE_UNAVAILABLE", correlationId: "corr-unstarted" });
    expect(first.headers.get("retry-after")).toBe("5");
    expect(await db.labResult.count({ where: { organizationId } })).toBe(0);

    const retry = await submit(apiKey, body, headers);
    expect(retry.status).toBe(503);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(await db.labResult.count({ where: { organizationId } })).toBe(0);
  });
});
