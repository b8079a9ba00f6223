/**
 * Request and response schemas of the Submissions API (DESIGN §5.3, seed 002): validation, the answers'
 * shapes (tests parse what the routes return) and the OpenAPI document. camelCase; lab items and the patient
 * context are the Lab Results Agent's own (DESIGN §5.4), so a partner sends the same JSON to either.
 */
import { z } from "zod";
import { agentLabItemSchema, agentPatientSchema } from "../agents/schemas";
import { pageQuerySchema } from "../http/pagination";
import { WELLBEING_LABELS, WELLBEING_OUTCOME_IDS } from "./wellbeing";

/** Submitted labs per submission: the pipeline's own limit of results per lab (LAB_MAX_ANALYTES' default). */
export const MAX_SUBMITTED_LABS = 5000;

const partnerId = (what: string) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(200)
    .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces")
    .describe(what);

export const submissionRequestSchema = z
  .object({
    partnerSubmissionId: partnerId("Your id for this submission; unique in your organisation (a second submission with it is a 409)"),
    partnerSubjectId: partnerId("Your pseudonymous id for the person the values belong to (never a name or record number)"),
    labResults: z
      .array(agentLabItemSchema)
      .min(1, "at least one lab result is required")
      .max(MAX_SUBMITTED_LABS, `at most ${MAX_SUBMITTED_LABS} lab results`)
      .describe("De-identified lab values, as the Lab Results Agent takes them"),
    patient: agentPatientSchema.optional().describe("Optional context: age, sex, conditions, medications"),
    segment: z.string().trim().min(1).max(100).optional().describe("Your label for grouping work (a cohort, a product); echoed on every job"),
    metadata: z
      .object({
        partnerId: z
          .uuid()
          .optional()
          .describe(
            "The id of the API key sending the request. When present, only that key can read the submission, its jobs and results; any other id is a 403",
          ),
      })
      .optional(),
  })
  .meta({ id: "SubmissionRequest" });

export type SubmissionRequest = z.infer<typeof submissionRequestSchema>;

export const jobTypeSchema = z
  .enum([
    "pipeline.ingest_validate",
    "pipeline.deidentify",
    "pipeline.map_to_fhir",
    "pipeline.fhir_store_upsert",
    "pipeline.run_inference",
    "pipeline.write_artifacts",
    "pipeline.dispatch_webhooks",
  ])
  .describe("Stable public id for a pipeline step")
  .meta({ id: "PartnerProcessingJobTypePublic" });

export const jobStatusSchema = z
  .enum(["pending", "queued", "running", "succeeded", "failed", "cancelled", "dead_letter"])
  .describe("Stable public id for the job lifecycle")
  .meta({ id: "PartnerProcessingJobStatusPublic" });

const isoOrNull = z.iso.datetime().nullable();

/** Seed 002's `PartnerJobDetailResponse`, field for field: every field present, `null` where unknown, nothing else. */
export const partnerJobDetailSchema = z
  .strictObject({
    jobId: z.uuid(),
    submissionId: z.uuid().nullable().describe("null for a job of a lab that did not come through this API (an upload, an agent run)"),
    partnerSubmissionId: z.string().nullable(),
    partnerSubjectId: z.string().nullable(),
    type: jobTypeSchema,
    typeLabel: z.string().min(1),
    status: jobStatusSchema,
    statusLabel: z.string().min(1),
    segment: z.string().nullable(),
    correlationId: z.string().nullable().describe("The `x-correlation-id` of the POST that created the submission"),
    parentJobId: z.uuid().nullable().describe("The run's first job (`pipeline.ingest_validate`); null for that job itself"),
    attempts: z.int().min(0),
    maxAttempts: z.int().min(0),
    lastError: z.string().nullable().describe("Why the last attempt failed, in words a person can act on"),
    errorDetail: z
      .looseObject({
        reference: z.string().describe("Quote it to support: it finds the logged error"),
        category: z.enum(["input", "internal"]).describe("`input`: the submitted data is the problem (fix and resubmit); `internal`: ours (retry later)"),
      })
      .nullable()
      .describe("A public-safe summary of the failure, or null; never a stack trace or driver text"),
    queuedAt: isoOrNull,
    acceptedAt: isoOrNull,
    startedAt: isoOrNull,
    completedAt: isoOrNull,
    failedAt: isoOrNull,
    slaDeadlineAt: isoOrNull,
    processingDurationMs: z.int().nullable().describe("From the last start to completion or failure; null while unknown"),
    slaBreached: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "PartnerJobDetailResponse" });

export type PartnerJobDetail = z.infer<typeof partnerJobDetailSchema>;

export const submissionAcceptedSchema = z
  .object({
    submissionId: z.uuid(),
    partnerSubmissionId: z.string(),
    status: z.literal("received"),
    correlationId: z.string(),
    jobs: z.array(z.object({ jobId: z.uuid(), type: jobTypeSchema })).describe("The seven pipeline jobs, in order"),
  })
  .meta({ id: "SubmissionAccepted" });

export const submissionStatusSchema = z
  .enum(["received", "processing", "completed", "failed"])
  .describe("`received` (accepted, not started), `processing`, `completed` (results ready) or `failed`")
  .meta({ id: "SubmissionStatus" });

export const submissionSummarySchema = z
  .object({
    submissionId: z.uuid(),
    partnerSubmissionId: z.string(),
    partnerSubjectId: z.string().nullable(),
    status: submissionStatusSchema,
    statusLabel: z.string(),
    segment: z.string().nullable(),
    correlationId: z.string().nullable(),
    metadata: z.object({ partnerId: z.uuid().nullable() }),
    labsReceived: z.int().nullable(),
    labsAnalyzed: z.int().nullable(),
    failureReason: z.string().nullable().describe("Why it failed, in words a person can act on"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    completedAt: isoOrNull,
  })
  .meta({ id: "SubmissionSummary" });

export const submissionDetailSchema = submissionSummarySchema
  .extend({ jobs: z.array(partnerJobDetailSchema).describe("The seven pipeline jobs, in pipeline order") })
  .meta({ id: "SubmissionDetail" });

export const submissionListSchema = z
  .object({ items: z.array(submissionSummarySchema), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last") })
  .meta({ id: "SubmissionList" });

export const submissionListQuerySchema = pageQuerySchema.extend({
  partnerSubjectId: z.string().min(1).max(200).optional(),
  status: submissionStatusSchema.optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional().describe("Created at or after (ISO 8601)"),
  createdTo: z.iso.datetime({ offset: true }).optional().describe("Created before (ISO 8601)"),
});

export const submissionPathParams = z.object({ submissionId: z.string().min(1).max(200) });
export const jobPathParams = z.object({ jobId: z.string().min(1).max(200) });

const labelTable = Object.entries(WELLBEING_LABELS)
  .map(([id, label]) => `| \`${id}\` | ${label} |`)
  .join("\n");

export const wellbeingOutcomeIdSchema = z
  .enum(WELLBEING_OUTCOME_IDS)
  .describe(`Stable outcome ids (\`wellbeing.<area>.<level>\`) and their labels:\n\n| id | label |\n|---|---|\n${labelTable}`)
  .meta({ id: "WellbeingOutcomeId" });

export const submissionResultsSchema = z
  .object({
    submissionId: z.uuid(),
    partnerSubmissionId: z.string(),
    partnerSubjectId: z.string().nullable(),
    status: z.literal("completed"),
    completedAt: isoOrNull,
    labsReceived: z.int().nullable(),
    labsAnalyzed: z.int().nullable(),
    outcomes: z
      .array(
        z.object({
          id: wellbeingOutcomeIdSchema,
          label: z.string(),
          area: z.string().describe("The wellbeing area (`kidney`, `blood_sugar`, …), or `overall`"),
          level: z.enum(["urgent", "review", "watch", "info", "in_range"]),
        }),
      )
      .describe("One outcome per wellbeing area the results speak to, most urgent first"),
    notices: z.array(z.object({ message: z.string() })).describe("Plain-English lines to show with the outcomes"),
  })
  .meta({ id: "SubmissionResults" });

export type SubmissionResults = z.infer<typeof submissionResultsSchema>;
