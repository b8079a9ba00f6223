import { describe, expect, it } from "vitest";
import { SUBSCRIBABLE_EVENTS } from "./event-types";
import {
  jobStatusChanged,
  jobStatusChangedPayloadSchema,
  labAccepted,
  labAcceptedPayloadSchema,
  labFailed,
  labFailedPayloadSchema,
  labResultsReady,
  labResultsReadyPayloadSchema,
  ping,
  pingPayloadSchema,
  type LabEventData,
} from "./lifecycle-payloads";
import { stampSendTime } from "./payload";

const LAB: LabEventData = {
  labResultId: "7d3c1f0a-2b4e-4c6d-8e9f-0a1b2c3d4e5f",
  source: "upload",
  status: "processing",
  memberId: "0b6f2d5e-8c1a-4f3e-9d27-5a4c3b2e1f00",
  partnerSubmissionId: null,
  sequenceNumber: 3,
};

describe("lab lifecycle payloads", () => {
  it("are described by their documented schemas, strictly (nothing undocumented is sent)", () => {
    const built = [
      [labAcceptedPayloadSchema, labAccepted({ ...LAB, status: "pending" })],
      [jobStatusChangedPayloadSchema, jobStatusChanged(LAB, { id: LAB.memberId!, type: "pipeline.deidentify", status: "running", attempt: 1 })],
      [labResultsReadyPayloadSchema, labResultsReady({ ...LAB, status: "ready" }, { labsReceived: 3, labsAnalyzed: 3 })],
      [labFailedPayloadSchema, labFailed({ ...LAB, status: "failed" }, null)],
      [pingPayloadSchema, ping(LAB.labResultId)],
    ] as const;
    for (const [schema, payload] of built) {
      expect(schema.strict().safeParse(payload).success, JSON.stringify(payload)).toBe(true);
      expect(schema.shape.data.strict().safeParse(payload.data).success, JSON.stringify(payload.data)).toBe(true);
    }
  });

  it("name every subscribable lifecycle event", () => {
    expect(SUBSCRIBABLE_EVENTS).toEqual(expect.arrayContaining(["lab.accepted", "lab.job_status_changed", "lab.results_ready", "lab.failed"]));
  });
});

describe("stampSendTime", () => {
  it("sets a payload's timestamp to the attempt's send time and leaves the rest as stored", () => {
    const sentAt = new Date("2026-11-28T12:00:00.000Z");
    expect(stampSendTime({ type: "ping", timestamp: "2020-01-01T00:00:00.000Z", data: { a: 1 } }, sentAt)).toEqual({
      type: "ping",
      timestamp: "2026-11-28T12:00:00.000Z",
      data: { a: 1 },
    });
  });

  it("adds no timestamp to a payload that has none", () => {
    expect(stampSendTime({ ok: true }, new Date())).toEqual({ ok: true });
  });
});
