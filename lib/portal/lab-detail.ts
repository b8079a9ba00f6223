/**
 * One lab as the portal's detail page shows it (`/labs/{id}` and GET /api/portal/labs/{lab_id}): header,
 * pipeline steps, critical values, findings by severity, analytes by category with their range, the two
 * texts with their numbered sources, and trends. One SQL statement reads the lab with its analytes, jobs,
 * upload and patient; every JSON column is read through its codec (lib/labs/codecs). Also the lab's two
 * downloads: its FHIR R4 Bundle and its original file.
 */
import { presentFinding, SEVERITIES } from "../clinical/present";
import { db, type Job, type Prisma } from "../db";
import { AppError, notFound } from "../http/errors";
import { readCitations, readFindings, readMetadata, readMicrobiology, readSkipped } from "../labs/codecs";
import { getLabFhirBundle, type LabFhirBundle } from "../labs/fhir";
import type { CitationMap } from "../clinical/narrative/citations";
import { PIPELINE_STEPS } from "../labs/pipeline-steps";
import { downloadUrlFor } from "../uploads/service";
import { groupByCategory, presentAnalyte } from "./analyte-view";
import { patientRef } from "./patients";
import { presentCulture } from "./microbiology-view";
import type { PortalCitation, PortalFinding, PortalLabDetail, PortalPipelineStep, PortalTrend } from "./schemas";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const detailSelect = {
  id: true,
  status: true,
  source: true,
  format: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
  failureReason: true,
  patientResponse: true,
  clinicianResponse: true,
  citations: true,
  findings: true,
  metadata: true,
  skipped: true,
  microbiology: true,
  upload: { select: { filename: true, state: true } },
  member: { select: { id: true, displayName: true, externalId: true } },
  analytes: { orderBy: { position: "asc" } },
  jobs: true,
} satisfies Prisma.LabResultSelect;

type DetailRow = Prisma.LabResultGetPayload<{ select: typeof detailSelect }>;

/** The lab of this organisation, or null: another organisation's lab is as absent as an unknown one. */
export async function findPortalLabDetail(organizationId: string, labResultId: string): Promise<PortalLabDetail | null> {
  // One statement with the relations joined in: the page polls it every second while the lab runs.
  const row = await db.labResult.findFirst({ relationLoadStrategy: "join", where: { id: labResultId, organizationId }, select: detailSelect });
  return row && presentLabDetail(row);
}

/**
 * Whether the organisation has this lab: one primary-key lookup, so the page can answer 404 before it
 * streams its skeleton and then read the whole lab behind it.
 */
export async function portalLabExists(organizationId: string, labResultId: string): Promise<boolean> {
  return (await db.labResult.count({ where: { id: labResultId, organizationId } })) > 0;
}

export async function getPortalLabDetail(organizationId: string, labResultId: string): Promise<PortalLabDetail> {
  const lab = await findPortalLabDetail(organizationId, labResultId);
  if (!lab) throw notFound("Lab result");
  return lab;
}

function presentLabDetail(row: DetailRow): PortalLabDetail {
  const analytes = row.analytes.map(presentAnalyte);
  const citations = readCitations(row.citations, row.id);
  const steps = pipelineSteps(row.jobs);
  return {
    id: row.id,
    status: row.status,
    source: row.source,
    format: row.format,
    fileName: row.upload?.filename ?? null,
    hasFile: row.upload !== null && row.upload.state !== "pending",
    // The Bundle is built from the final analytes, derived values included, once the lab is ready (../labs/fhir).
    hasFhirBundle: row.status === "ready",
    patient: row.member && patientRef(row.member),
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
    failureReason: row.failureReason,
    steps,
    skipped: readSkipped(row.skipped, row.id).map((s) => ({ reason: s.reason, where: s.where ?? null })),
    criticalValues: analytes.filter((a) => a.flag === "Critical"),
    findings: findings(row),
    analyteCount: analytes.length,
    analyteGroups: groupByCategory(analytes),
    microbiology: readMicrobiology(row.microbiology, row.id).map(presentCulture),
    trends: trends(row),
    patientText: row.patientResponse,
    clinicianText: row.clinicianResponse,
    citations: { patient: numbered(citations?.patient), clinician: numbered(citations?.clinician) },
  };
}

const severityRank = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Most urgent first; the engine's order among equals. */
function findings(row: DetailRow): PortalFinding[] {
  return readFindings(row.findings, row.id)
    .map(presentFinding)
    .sort((a, b) => severityRank.get(a.severity)! - severityRank.get(b.severity)!)
    .map((f) => ({ id: f.id, severity: f.severity, title: f.title, clinician: f.clinician, ask: f.ask, guidance: f.guidance, sources: f.sources }));
}

function trends(row: DetailRow): PortalTrend[] {
  return (readMetadata(row.metadata, row.id)?.trends ?? []).map((t) => ({
    code: t.code,
    name: t.name,
    unit: t.unit,
    previous: t.previous,
    previousAt: iso(t.previousAt),
    current: t.current,
    currentAt: iso(t.currentAt),
    change: t.change,
    percentChange: t.percentChange,
    direction: t.direction,
  }));
}

function numbered(map: CitationMap | undefined): PortalCitation[] {
  return Object.entries(map ?? {})
    .map(([key, c]) => ({ number: Number(key), title: c.title, url: c.url, type: c.metadata.type, pmid: c.metadata.pmid ?? null, doi: c.metadata.doi ?? null }))
    .filter((c) => Number.isInteger(c.number))
    .sort((a, b) => a.number - b.number);
}

/** The seven steps in pipeline order, each with its job's state; a step without a job row yet is pending. */
function pipelineSteps(jobs: Job[]): PortalPipelineStep[] {
  const byType = new Map(jobs.map((job) => [job.type, job]));
  return PIPELINE_STEPS.map((step) => {
    const job = byType.get(step.type);
    const startedAt = job?.startedAt ?? null;
    const endedAt = job?.completedAt ?? job?.failedAt ?? null;
    return {
      type: step.type,
      label: step.label,
      status: job?.status ?? "pending",
      attempts: job?.attempts ?? 0,
      startedAt: iso(startedAt),
      completedAt: iso(endedAt),
      durationMs: startedAt && endedAt ? Math.max(0, endedAt.getTime() - startedAt.getTime()) : null,
      error: job?.lastError ?? null,
    };
  });
}

/**
 * The lab's FHIR R4 Bundle, the same document the member and submissions APIs serve (../labs/fhir): built
 * from the stored analytes once the lab is ready; 409 before.
 */
export async function getPortalLabFhirBundle(organizationId: string, labResultId: string): Promise<LabFhirBundle> {
  return getLabFhirBundle({ organizationId, labResultId });
}

/** A short-lived signed URL of the file the lab was read from (lib/uploads/service.ts). */
export async function portalLabFileUrl(organizationId: string, labResultId: string): Promise<string> {
  const row = await db.labResult.findFirst({ where: { id: labResultId, organizationId }, select: { uploadId: true } });
  if (!row) throw notFound("Lab result");
  if (!row.uploadId) throw new AppError("NOT_FOUND", "This lab has no original file: its values were submitted, not uploaded");
  return downloadUrlFor(organizationId, row.uploadId);
}
