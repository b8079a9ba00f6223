/**
 * Lab results as the member surface (seed 000) shows them: snake_case, ISO dates, `null` for unknowns.
 * The zod schemas here validate what is returned in tests and generate the OpenAPI document.
 */
import { z } from "zod";
import { presentFinding, SEVERITIES } from "../clinical/present";
import type { Trend } from "../clinical/trends";
import type { Job } from "../db";
import { readCitations, readFindings, readMetadata, type LabMetadata } from "./codecs";
import { JOB_TYPE_LABEL, JOB_TYPE_SLUG, PIPELINE_STEPS } from "./pipeline-steps";
import type { LabDetail, LabRun, LabSummary } from "./queries";
import { shownRange } from "./shown-range";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const labStatusSchema = z.enum(["pending", "processing", "ready", "failed"]);

const fileSchema = z
  .object({
    upload_id: z.uuid(),
    filename: z
      .string()
      .nullable()
      .describe("A display name, `upload.<extension>`: the name the file was uploaded under is never echoed, as it often names the patient"),
    content_type: z.string(),
    size: z.number().int(),
  })
  .nullable();

/** Extensions of the files Labwise reads; anything else is shown without one. */
const FILE_EXTENSIONS = new Set(["pdf", "csv", "tsv", "txt", "hl7", "json", "xml", "ndjson", "png", "jpg", "jpeg", "tif", "tiff"]);

/**
 * What a lab's file is called on the member surface. Uploaders name files after the patient
 * ("Johnathan_Doe_MRN88812345.csv"), and no rule can tell every name or number in a file name from a
 * harmless word, so only the extension survives: "upload.csv".
 */
export function displayFilename(filename: string | null): string | null {
  if (filename === null) return null;
  const extension = /\.([A-Za-z0-9]{1,6})$/.exec(filename.trim())?.[1]?.toLowerCase();
  return extension && FILE_EXTENSIONS.has(extension) ? `upload.${extension}` : "upload";
}

export const memberLabSummarySchema = z
  .object({
    lab_result_id: z.uuid(),
    status: labStatusSchema,
    source: z.enum(["upload", "submission", "agent_run"]),
    workflow_id: z.string().nullable(),
    file: fileSchema,
    failure_reason: z.string().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    completed_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "MemberLabSummary" });

export const memberAnalyteSchema = z
  .object({
    name: z.string().describe("As the lab printed it"),
    display_name: z.string().nullable().describe("The catalogue's name for the analyte, when identified"),
    value: z.string(),
    unit: z.string().nullable(),
    reference_range: z.string().nullable(),
    flag: z.string().nullable(),
    loinc: z.string().nullable(),
    category: z.string().nullable(),
    value_number: z.number().nullable(),
    normalized_value: z.number().nullable(),
    normalized_unit: z.string().nullable(),
    derived: z.boolean(),
    result_status: z
      .enum(["preliminary", "corrected"])
      .nullable()
      .describe("The lab's result status when not final (HL7 OBX-11, FHIR Observation.status); null for a final result"),
    observed_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "MemberAnalyte" });

const sourceSchema = z
  .object({
    title: z.string(),
    url: z.url(),
    type: z.enum(["pubmed", "guideline"]),
    pmid: z.string().nullable(),
    doi: z.string().nullable(),
  })
  .meta({ id: "Source" });

export const memberFindingSchema = z
  .object({
    id: z.string().meta({ description: "What was found, as `<rule>.<variant>` (e.g. `kidney.ckd-category`)." }),
    severity: z.enum(SEVERITIES).meta({ description: "critical, high, moderate, borderline or info; findings are listed most urgent first." }),
    title: z.string(),
    patient_title: z.string(),
    analytes: z.array(z.string()).meta({ description: "Catalogue codes of the analytes the finding rests on." }),
    patient: z.string(),
    clinician: z.string(),
    ask: z.string().nullable().meta({ description: "A question the patient can take to their clinician." }),
    guidance: z.array(z.object({ id: z.string(), text: z.string(), source: sourceSchema })),
    sources: z.array(sourceSchema),
  })
  .meta({ id: "MemberFinding" });

const trendSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    previous: z.number(),
    previous_at: z.iso.datetime().nullable(),
    current: z.number(),
    current_at: z.iso.datetime().nullable(),
    change: z.number(),
    percent_change: z.number().nullable(),
    direction: z.enum(["up", "down", "unchanged"]),
    points: z.number().int(),
  })
  .meta({ id: "MemberTrend" });

export const memberLabDetailSchema = memberLabSummarySchema
  .extend({
    analytes: z.array(memberAnalyteSchema),
    findings: z.array(memberFindingSchema),
    trends: z.array(trendSchema).meta({ description: "Change since the member's previous result of each analyte." }),
    insights_matched: z.number().int().nullable(),
    patient_response: z.string().nullable(),
    clinician_response: z.string().nullable(),
    citations: z.record(z.string(), z.unknown()).nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "MemberLabDetail" });

export function serializeLabSummary(lab: LabSummary): z.infer<typeof memberLabSummarySchema> {
  return {
    lab_result_id: lab.id,
    status: lab.status,
    source: lab.source,
    workflow_id: lab.workflowId,
    file: lab.upload
      ? {
          upload_id: lab.upload.id,
          filename: displayFilename(lab.upload.filename),
          content_type: lab.upload.contentType,
          size: lab.upload.actualSize ?? lab.upload.declaredSize,
        }
      : null,
    failure_reason: lab.failureReason,
    created_at: lab.createdAt.toISOString(),
    updated_at: lab.updatedAt.toISOString(),
    completed_at: iso(lab.completedAt),
  };
}

export function serializeLabDetail(lab: LabDetail): z.infer<typeof memberLabDetailSchema> {
  const metadata = readMetadata(lab.metadata, lab.id);
  return {
    ...serializeLabSummary(lab),
    analytes: lab.analytes.map((a) => ({
      name: a.rawName,
      display_name: a.displayName,
      value: a.rawValue,
      unit: a.unit ?? a.rawUnit,
      reference_range: shownRange(a),
      flag: a.flag ?? a.rawFlag,
      loinc: a.loinc,
      category: a.category,
      value_number: a.valueNumber,
      normalized_value: a.normalizedValue,
      normalized_unit: a.normalizedUnit,
      derived: a.derived,
      result_status: a.resultStatus === "preliminary" || a.resultStatus === "corrected" ? a.resultStatus : null,
      observed_at: iso(a.observedAt),
    })),
    findings: readFindings(lab.findings, lab.id).map(presentFinding).map(({ patientTitle, ...f }) => ({ ...f, patient_title: patientTitle })),
    trends: (metadata?.trends ?? []).map(serializeTrend),
    insights_matched: lab.insightsMatched,
    patient_response: lab.patientResponse,
    clinician_response: lab.clinicianResponse,
    citations: readCitations(lab.citations, lab.id),
    metadata: metadata && withoutTrends(metadata),
  };
}

/** Trends are stored in the metadata column and shown as their own field. */
function withoutTrends(metadata: LabMetadata): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== "trends"));
}

function serializeTrend(t: Trend): z.infer<typeof trendSchema> {
  return {
    code: t.code,
    name: t.name,
    unit: t.unit,
    previous: t.previous,
    previous_at: iso(t.previousAt),
    current: t.current,
    current_at: iso(t.currentAt),
    change: t.change,
    percent_change: t.percentChange,
    direction: t.direction,
    points: t.points,
  };
}

export const runStatusSchema = z.enum(["queued", "running", "completed", "failed"]);

export const memberRunSchema = z
  .object({
    job_id: z.string(),
    lab_result_id: z.uuid(),
    status: runStatusSchema,
    created_at: z.iso.datetime(),
    started_at: z.iso.datetime().nullable(),
    completed_at: z.iso.datetime().nullable(),
    error: z.string().nullable(),
    steps: z.array(
      z.object({
        type: z.string(),
        label: z.string(),
        status: z.enum(["pending", "queued", "running", "succeeded", "failed", "cancelled", "dead_letter"]),
        attempts: z.number().int(),
        max_attempts: z.number().int(),
        queued_at: z.iso.datetime().nullable(),
        started_at: z.iso.datetime().nullable(),
        completed_at: z.iso.datetime().nullable(),
        failed_at: z.iso.datetime().nullable(),
        sla_deadline_at: z.iso.datetime().nullable(),
        sla_breached: z.boolean(),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "MemberJob" });

/** Past its deadline without finishing, or finished after it. */
export function slaBreached(job: Pick<Job, "slaDeadlineAt" | "completedAt" | "status">, now = new Date()): boolean {
  if (!job.slaDeadlineAt) return false;
  if (job.completedAt) return job.completedAt > job.slaDeadlineAt;
  return ["queued", "running", "failed"].includes(job.status) && now > job.slaDeadlineAt;
}

const RUN_STATUS = { pending: "queued", processing: "running", ready: "completed", failed: "failed" } as const;
const stepOrder = new Map(PIPELINE_STEPS.map((s, i) => [s.type, i]));

export function serializeRun(lab: LabRun): z.infer<typeof memberRunSchema> {
  const jobs = [...lab.jobs].sort((a: Job, b: Job) => stepOrder.get(a.type)! - stepOrder.get(b.type)!);
  return {
    job_id: lab.workflowId!,
    lab_result_id: lab.id,
    status: RUN_STATUS[lab.status],
    created_at: lab.createdAt.toISOString(),
    started_at: iso(lab.startedAt),
    completed_at: iso(lab.completedAt),
    error: lab.failureReason,
    steps: jobs.map((job) => ({
      type: JOB_TYPE_SLUG[job.type],
      label: JOB_TYPE_LABEL[job.type],
      status: job.status,
      attempts: job.attempts,
      max_attempts: job.maxAttempts,
      queued_at: iso(job.queuedAt),
      started_at: iso(job.startedAt),
      completed_at: iso(job.completedAt),
      failed_at: iso(job.failedAt),
      sla_deadline_at: iso(job.slaDeadlineAt),
      sla_breached: slaBreached(job),
      error: job.lastError,
    })),
  };
}
