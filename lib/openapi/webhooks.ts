/**
 * The `webhooks:` of the document: every event Labwise POSTs (DESIGN §5.4, §5.5), its payload and the
 * Standard Webhooks headers it is signed with. The payload schemas describe what ../agents/payloads.ts
 * builds (webhooks.test.ts parses the builders' output with them) and the examples are built by those same
 * builders, so neither can drift from what is sent.
 */
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { AGENT, AGENT_STEPS, completed, failed, statusUpdate, type AgentResult } from "../agents/payloads";
import { agentResultSchema } from "../agents/schemas";
import { EVENT } from "../labs/pipeline/notify";
import { DEFAULT_RETRY_SCHEDULE } from "../webhooks/config";
import { LAB_EVENT, PING_EVENT } from "../webhooks/event-types";
import { USER_AGENT } from "../webhooks/http-post";
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
} from "../webhooks/lifecycle-payloads";

const envelope = {
  runId: z.uuid().describe("The run (agent surface) or lab result this event is about"),
  agent: z.literal(AGENT),
  timestamp: z.iso.datetime().describe("When this attempt was sent (each retry carries its own time); the same instant as `webhook-timestamp`"),
  sequenceNumber: z.int().min(1).describe("Increases strictly per run: order by it, and drop one you have already seen"),
};

const stepNames = Object.values(AGENT_STEPS) as [string, ...string[]];

export const statusPayloadSchema = z
  .object({
    ...envelope,
    status: z.literal("processing"),
    step: z.object({ number: z.int().min(1).max(7), name: z.enum(stepNames) }).describe("The processing step of seed 003 that started"),
  })
  .meta({ id: "LabResultsStatusPayload" });

export const completePayloadSchema = z
  .object({ ...envelope, status: z.literal("completed"), result: agentResultSchema })
  .meta({ id: "LabResultsCompletePayload" });

export const failedPayloadSchema = z
  .object({
    ...envelope,
    status: z.literal("failed"),
    error: z.object({ code: z.literal("PROCESSING_FAILED"), message: z.string().describe("Why, in plain words") }),
  })
  .meta({ id: "LabResultsFailedPayload" });

/** Examples from the real builders, at a fixed time so the document is the same on every build. */
const RUN_ID = "0b6f2d5e-8c1a-4f3e-9d27-5a4c3b2e1f00";
const AT = "2026-01-15T09:30:00.000Z";
const exampleResult: AgentResult = {
  labResults: [{ name: "Creatinine", value: "1.8", unit: "mg/dL", flag: "High", referenceRange: "0.7-1.3 mg/dL", date: "2026-01-14" }],
  patientResponse: "## Your kidney results\n\nYour creatinine is a little higher than the usual range. [1]",
  clinicianResponse: "## Renal\n\nCreatinine 1.8 mg/dL (H). Repeat with eGFR and urine ACR to stage per KDIGO. [1]",
  citations: {
    patient: { "1": { url: "https://kdigo.org/guidelines/ckd-evaluation-and-management/", title: "KDIGO 2024 CKD Guideline", metadata: { type: "guideline" } } },
    clinician: { "1": { url: "https://kdigo.org/guidelines/ckd-evaluation-and-management/", title: "KDIGO 2024 CKD Guideline", metadata: { type: "guideline" } } },
  },
  metadata: { labsReceived: 1, labsAnalyzed: 1, insightsMatched: 1 },
};

const LAB: LabEventData = {
  labResultId: RUN_ID,
  source: "upload",
  status: "pending",
  memberId: "5f0c9a4e-3b2d-4e1f-8a7c-6d5e4f3a2b10",
  partnerSubmissionId: null,
  sequenceNumber: 1,
};
const SUBSCRIBE = "Sent to every enabled endpoint subscribed to it (or to all events), for uploads and submissions.";

export const WEBHOOK_EVENTS = [
  {
    event: EVENT.status,
    schema: statusPayloadSchema,
    summary: "A processing step started (agent runs, steps 1–7)",
    description: "Sent to the run's `webhookUrl` as each processing step of the Lab Results Agent starts.",
    example: { ...statusUpdate(RUN_ID, 2, 2), timestamp: AT },
  },
  {
    event: EVENT.complete,
    schema: completePayloadSchema,
    summary: "The result is ready (step 8)",
    description:
      "The analysed labs, the patient and clinician responses (Markdown) and their citations. Sent to the run's `webhookUrl` and to every endpoint subscribed to `labResultsComplete`.",
    example: { ...completed(RUN_ID, 8, exampleResult), timestamp: AT },
  },
  {
    event: EVENT.failed,
    schema: failedPayloadSchema,
    summary: "Processing failed",
    description: "Sent instead of `labResultsComplete` when the lab could not be processed.",
    example: { ...failed(RUN_ID, 3, "The file holds no lab values we could read"), timestamp: AT },
  },
  {
    event: LAB_EVENT.accepted,
    schema: labAcceptedPayloadSchema,
    summary: "A lab result was accepted",
    description: `A member's upload was registered, or a submission accepted; processing follows. ${SUBSCRIBE}`,
    example: { ...labAccepted(LAB), timestamp: AT },
  },
  {
    event: LAB_EVENT.jobStatusChanged,
    schema: jobStatusChangedPayloadSchema,
    summary: "A processing step changed status",
    description: `A job of the lab's pipeline is running, succeeded, failed (an attempt; it may be retried), dead_letter (retries spent) or cancelled. ${SUBSCRIBE}`,
    example: {
      ...jobStatusChanged({ ...LAB, status: "processing", sequenceNumber: 2 }, { id: "9c8b7a6f-5e4d-4c3b-8a29-1f0e0d0c0b0a", type: "pipeline.ingest_validate", status: "succeeded", attempt: 1 }),
      timestamp: AT,
    },
  },
  {
    event: LAB_EVENT.resultsReady,
    schema: labResultsReadyPayloadSchema,
    summary: "A lab result is ready",
    description: `Processing finished: read the result through the API. ${SUBSCRIBE}`,
    example: { ...labResultsReady({ ...LAB, status: "ready", sequenceNumber: 16 }, { labsReceived: 12, labsAnalyzed: 12 }), timestamp: AT },
  },
  {
    event: LAB_EVENT.failed,
    schema: labFailedPayloadSchema,
    summary: "A lab result failed",
    description: `Processing gave up; the reason a person can act on is on the lab result, read through the API. ${SUBSCRIBE}`,
    example: { ...labFailed({ ...LAB, status: "failed", sequenceNumber: 4 }, "pipeline.ingest_validate"), timestamp: AT },
  },
  {
    event: PING_EVENT,
    schema: pingPayloadSchema,
    summary: "A test event",
    description: "Sent only by `POST /v1/webhook-endpoints/{id}/test`, to that endpoint, whatever it subscribes to.",
    example: { ...ping("2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d"), timestamp: AT },
  },
] as const;

const signatureHeaders = z.object({
  "webhook-id": z.string().describe("The delivery id; the same on every retry: de-duplicate by it"),
  "webhook-timestamp": z.string().regex(/^\d+$/).describe("Unix seconds of this attempt; reject one older than 5 minutes"),
  "webhook-signature": z
    .string()
    .describe(
      "`v1,<base64 HMAC-SHA256 of webhook-id.webhook-timestamp.body>` with your `whsec_` secret; during a secret rotation two signatures, space-separated, either one valid",
    ),
  "user-agent": z.literal(USER_AGENT).optional(),
});

/** `lab.job_status_changed` → `labJobStatusChanged`: operation ids stay plain identifiers. */
const operationName = (event: string) => event.replace(/[._]([a-z])/g, (_, letter: string) => letter.toUpperCase());

export function registerWebhooks(registry: OpenAPIRegistry): void {
  for (const { event, schema, summary, description, example } of WEBHOOK_EVENTS) {
    registry.registerWebhook({
      method: "post",
      path: event,
      operationId: `${operationName(event)}Webhook`,
      tags: ["Webhooks"],
      summary,
      description: `${description} Signed per Standard Webhooks (https://www.standardwebhooks.com): verify \`webhook-signature\` before trusting the body.`,
      security: [],
      request: { headers: signatureHeaders, body: { required: true, content: { "application/json": { schema, example } } } },
      responses: {
        "2XX": { description: "Received. Answer quickly; do the work after." },
        "4XX": { description: `Not accepted: retried with backoff (${DEFAULT_RETRY_SCHEDULE} by default), then dead-lettered; an admin can replay it.` },
        "5XX": { description: "Not accepted, as for 4XX; so is no answer within the delivery timeout." },
      },
    });
  }
}
