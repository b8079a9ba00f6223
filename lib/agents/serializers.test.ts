import { describe, expect, it } from "vitest";
import { concurrencyHeaders, serializeAcceptedRun, serializeAgentRun, type AgentRunRecord } from "./serializers";

const run = (overrides: Partial<AgentRunRecord> = {}): AgentRunRecord => ({
  id: "7f0e7c1e-0c3b-4b8e-9a51-7d0f3d1c2b11",
  status: "pending",
  createdAt: new Date("2026-11-23T10:00:00.000Z"),
  completedAt: null,
  labsReceived: 3,
  labsAnalyzed: 3,
  failureReason: null,
  ...overrides,
});

describe("agent run serializers", () => {
  it("never reports negative free slots, even when a lowered limit is below the runs in flight", () => {
    expect(concurrencyHeaders({ limit: 7, active: 2 })).toEqual({ "X-Concurrent-Limit": "7", "X-Concurrent-Active": "2", "X-Concurrent-Remaining": "5" });
    expect(concurrencyHeaders({ limit: 3, active: 5 })["X-Concurrent-Remaining"]).toBe("0");
  });

  it("maps pending and processing to processing, ready to completed, failed to failed", () => {
    expect(serializeAgentRun(run({ status: "pending" })).status).toBe("processing");
    expect(serializeAgentRun(run({ status: "processing" })).status).toBe("processing");
    const completedAt = new Date("2026-11-23T10:00:01.000Z");
    const result = {
      labResults: [],
      patientResponse: "p",
      clinicianResponse: "c",
      citations: { patient: {}, clinician: {} },
      metadata: { labsReceived: 3, labsAnalyzed: 3, insightsMatched: 1 },
    };
    expect(serializeAgentRun(run({ status: "ready", completedAt }), result)).toMatchObject({
      status: "completed",
      completedAt: "2026-11-23T10:00:01.000Z",
      result,
    });
    const failed = serializeAgentRun(run({ status: "failed", completedAt, failureReason: "no lab values" }));
    expect(failed).toMatchObject({ status: "failed", error: { code: "PROCESSING_FAILED", message: "no lab values" } });
    expect(failed).not.toHaveProperty("result");
  });

  it("says in the immediate answer when labs were left out", () => {
    expect(serializeAcceptedRun({ id: "r", labsReceived: 3, labsAnalyzed: 3 }).message).not.toMatch(/most relevant/);
    expect(serializeAcceptedRun({ id: "r", labsReceived: 250, labsAnalyzed: 200 })).toMatchObject({
      status: "processing",
      agent: "lab-results",
      labsReceived: 250,
      labsAnalyzed: 200,
      message: expect.stringMatching(/200 most relevant/),
    });
  });
});
