import { describe, expect, it } from "vitest";
import { completed, failed, statusUpdate, type AgentResult } from "../agents/payloads";
import { completePayloadSchema, failedPayloadSchema, statusPayloadSchema, WEBHOOK_EVENTS } from "./webhooks";

const RUN = "7d3c1f0a-2b4e-4c6d-8e9f-0a1b2c3d4e5f";
const result: AgentResult = {
  labResults: [{ name: "Glucose", value: "99", unit: "mg/dL" }],
  patientResponse: "All in range.",
  clinicianResponse: "No findings.",
  citations: { patient: {}, clinician: {} },
  metadata: { labsReceived: 1, labsAnalyzed: 1, insightsMatched: 0 },
};

describe("the documented webhook payloads", () => {
  it("describe every status update the pipeline sends, steps 1 to 7", () => {
    for (const step of [1, 2, 3, 4, 5, 6, 7] as const) expect(statusPayloadSchema.safeParse(statusUpdate(RUN, step, step)).success).toBe(true);
  });

  it("describe labResultsComplete and labResultsFailed as they are built", () => {
    expect(completePayloadSchema.safeParse(completed(RUN, 8, result)).success).toBe(true);
    expect(failedPayloadSchema.safeParse(failed(RUN, 3, "unreadable")).success).toBe(true);
  });

  it("carry examples their own schemas accept", () => {
    for (const { event, schema, example } of WEBHOOK_EVENTS) expect(schema.safeParse(example).success, event).toBe(true);
  });
});
