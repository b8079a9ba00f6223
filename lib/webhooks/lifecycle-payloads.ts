/**
 * The payloads of the lab lifecycle events and of `ping`, in Standard Webhooks' recommended shape
 * (`{ type, timestamp, data }`, spec/standard-webhooks.md "Payload structure"). The schemas are the contract
 * (lib/openapi/webhooks.ts registers them; lifecycle-payloads.test.ts parses what the builders build).
 *
 * No PHI: ids, statuses, step names and counts only — never an analyte's name or value, a person's name or
 * a failure's wording (which may quote the file). A receiver fetches the lab through the API, where the read
 * is authorised and audited.
 */
import { z } from "zod";
import { LAB_EVENT, PING_EVENT } from "./event-types";

const NO_PHI = "Ids and statuses only: no lab values, analyte names or personal names (fetch the lab through the API for those).";

const timestamp = z.iso.datetime().describe("When this attempt was sent (each retry carries its own time); the same as `webhook-timestamp`");
const sequenceNumber = z
  .int()
  .min(1)
  .describe("Increases strictly per lab result across its events: order by it, and drop one you have already seen");

const LAB_SOURCES = ["upload", "submission"] as const;
const LAB_STATUSES = ["pending", "processing", "ready", "failed"] as const;
const JOB_STATUSES = ["running", "succeeded", "failed", "dead_letter", "cancelled"] as const;

const labData = {
  labResultId: z.uuid().describe("The lab result (for a submission, the lab result behind it)"),
  source: z.enum(LAB_SOURCES).describe("How the lab arrived: a member's file upload, or a partner submission"),
  status: z.enum(LAB_STATUSES).describe("The lab result's status after this event"),
  memberId: z.uuid().nullable().describe("The member the lab belongs to (uploads); null for submissions"),
  partnerSubmissionId: z.string().nullable().describe("Your own id for the submission, as you sent it; null for uploads"),
  sequenceNumber,
};

const event = <T extends string, D extends z.ZodRawShape>(type: T, data: D, id: string, description: string) =>
  z
    .object({ type: z.literal(type), timestamp, data: z.object(data) })
    .describe(`${description} ${NO_PHI}`)
    .meta({ id });

export const labAcceptedPayloadSchema = event(LAB_EVENT.accepted, labData, "LabAcceptedPayload", "A lab result was accepted and waits for processing.");

export const jobStatusChangedPayloadSchema = event(
  LAB_EVENT.jobStatusChanged,
  {
    ...labData,
    job: z.object({
      id: z.uuid().describe("The job (`GET /v1/jobs/{jobId}`)"),
      type: z.string().describe("The public job type slug, e.g. `pipeline.ingest_validate`"),
      status: z.enum(JOB_STATUSES).describe("The job's new status"),
      attempt: z.int().min(0).describe("The attempt this status belongs to (1 for the first)"),
    }),
  },
  "LabJobStatusChangedPayload",
  "A processing step of a lab result changed status (running, succeeded, failed, dead_letter, cancelled).",
);

export const labResultsReadyPayloadSchema = event(
  LAB_EVENT.resultsReady,
  { ...labData, labsReceived: z.int().min(0).nullable().describe("How many values were received"), labsAnalyzed: z.int().min(0).nullable().describe("How many were analysed") },
  "LabResultsReadyPayload",
  "A lab result is ready: read it through the API.",
);

export const labFailedPayloadSchema = event(
  LAB_EVENT.failed,
  { ...labData, failedJobType: z.string().nullable().describe("The slug of the step that failed, when one did") },
  "LabFailedPayload",
  "A lab result could not be processed; the reason is on the lab result (read through the API), not in the webhook.",
);

export const pingPayloadSchema = z
  .object({ type: z.literal(PING_EVENT), timestamp, data: z.object({ endpointId: z.uuid().describe("The endpoint being tested") }) })
  .describe(`A test event, sent only by \`POST /v1/webhook-endpoints/{id}/test\`. ${NO_PHI}`)
  .meta({ id: "PingPayload" });

export type LabEventData = z.infer<typeof labAcceptedPayloadSchema>["data"];
export type JobStatusChange = z.infer<typeof jobStatusChangedPayloadSchema>["data"]["job"];

/**
 * The envelope at enqueue time. `timestamp` is replaced with the send time of each attempt (./payload.ts,
 * `stampSendTime`), so a retry is never rejected by a receiver's 5-minute replay window for its age.
 */
const envelope = <T extends string, D>(type: T, data: D) => ({ type, timestamp: new Date().toISOString(), data });

export const labAccepted = (data: LabEventData) => envelope(LAB_EVENT.accepted, data);
export const jobStatusChanged = (data: LabEventData, job: JobStatusChange) => envelope(LAB_EVENT.jobStatusChanged, { ...data, job });
export const labResultsReady = (data: LabEventData, counts: { labsReceived: number | null; labsAnalyzed: number | null }) =>
  envelope(LAB_EVENT.resultsReady, { ...data, ...counts });
export const labFailed = (data: LabEventData, failedJobType: string | null) => envelope(LAB_EVENT.failed, { ...data, failedJobType });
export const ping = (endpointId: string) => envelope(PING_EVENT, { endpointId });
