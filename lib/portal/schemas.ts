/**
 * The contract between the portal's pages and its endpoints (`/api/portal/*`): query and body schemas the
 * routes validate, and the shapes they answer with. camelCase, ISO dates. Pure zod, so client components
 * import the types without reaching the server's modules.
 */
import { z } from "zod";
import { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from "../uploads/schemas";

export const LAB_STATUSES = ["pending", "processing", "ready", "failed"] as const;
export type PortalLabStatus = (typeof LAB_STATUSES)[number];

/** Terminal statuses: a lab in one of them never changes again unless someone re-runs it. */
export const TERMINAL_STATUSES: readonly PortalLabStatus[] = ["ready", "failed"];

/** `YYYY-MM-DD`, read as a calendar day in the viewer's zone by the page and sent as an ISO instant. */
const instant = z.iso.datetime({ offset: true });

export const labListQuery = z.object({
  status: z.enum(LAB_STATUSES).optional(),
  patientId: z.uuid().optional(),
  /** Received at or after this instant. */
  from: instant.optional(),
  /** Received before this instant. */
  to: instant.optional(),
  /** Only labs with at least one abnormal (Low, High, Abnormal, Critical) or critical analyte. */
  results: z.enum(["abnormal", "critical"]).optional(),
  /** Patient name, patient external id or file name contains this (case-insensitive). */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).optional(),
});
export type LabListQuery = z.infer<typeof labListQuery>;

export interface PortalPatientRef {
  id: string;
  name: string | null;
  externalId: string | null;
}

export interface PortalLabSummary {
  id: string;
  status: PortalLabStatus;
  source: "upload" | "submission" | "agent_run";
  format: string | null;
  /** The name the file was uploaded under (the portal's users may see PHI; the member API never echoes it). */
  fileName: string | null;
  patient: PortalPatientRef | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  failureReason: string | null;
  analyteCount: number;
  abnormalCount: number;
  criticalCount: number;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const patientListQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).optional(),
});

export const createPatientBody = z.object({
  name: z.string().trim().min(1, "Give the patient's name").max(200),
  /** The clinic's own identifier (MRN); unique in the organisation. */
  externalId: z.string().trim().min(1).max(200).optional(),
});

export interface PortalPatient extends PortalPatientRef {
  createdAt: string;
  labCount: number;
  lastLabAt: string | null;
}

/** The files the portal takes: the API's own list and limit, which the drop zone checks before uploading. */
export { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from "../uploads/schemas";

export const createPortalUploadBody = z.object({
  patientId: z.uuid(),
  fileName: z.string().trim().min(1).max(255),
  contentType: z.enum(UPLOAD_CONTENT_TYPES, { error: `Labwise reads PDF, image, CSV, HL7 v2 and FHIR JSON files` }),
  size: z
    .number()
    .int()
    .min(1, "The file is empty")
    .max(MAX_UPLOAD_BYTES, { error: "Files are limited to 25 MB" }),
});

export const registerPortalLabBody = z.object({ uploadId: z.uuid() });

export const labIdParams = z.object({ lab_id: z.uuid() });
export const patientIdParams = z.object({ patient_id: z.uuid() });

// ---------------------------------------------------------------------------------------------------------
// A patient's page (`GET /api/portal/patients/{patient_id}`): the patient and one series per analyte, for the
// trend charts. Values are in the catalogue's canonical unit (the engine's notion of "the same analyte",
// lib/clinical/trends.ts); a result whose unit cannot be converted is counted in `excluded`, not plotted.
// ---------------------------------------------------------------------------------------------------------

export interface PortalTrendPoint {
  labId: string;
  /** When the sample was taken, or the lab's received date when the report gave none (`atSource`). */
  at: string;
  atSource: "observed" | "received";
  value: number;
  /** `<` or `>` when the lab reported a bound ("<0.5") rather than a value. */
  comparator: string | null;
  flag: PortalAnalyteFlag | null;
  /** The reference interval the flag was read against, in the series' unit; null when open on that side. */
  low: number | null;
  high: number | null;
  /** The value and unit as the report printed them, when they were converted to the series' unit. */
  reported: { value: number; unit: string } | null;
}

export interface PortalAnalyteSeries {
  /** Catalogue code (`sodium`), or `raw:<name>` / `derived:<name>` for an analyte the catalogue does not know. */
  code: string;
  name: string;
  unit: string;
  category: string | null;
  /** Oldest first. */
  points: PortalTrendPoint[];
  /** Numeric results of this analyte left out because their unit could not be converted to `unit`. */
  excluded: number;
}

export interface PortalPatientOverview {
  patient: PortalPatient;
  series: PortalAnalyteSeries[];
}

// ─── Lab detail (`/labs/{id}`, GET /api/portal/labs/{lab_id}) ──────────────────────────────────────────────

/** Analyte flags as lib/clinical/flags.ts decides them. */
export type PortalAnalyteFlag = "Low" | "High" | "Normal" | "Critical" | "Abnormal" | "Indeterminate";

/** Flags that make a result worth a look (the list's "abnormal" filter and counts, the charts' markers). */
export const ABNORMAL_FLAGS: readonly PortalAnalyteFlag[] = ["Low", "High", "Abnormal", "Critical"];

/** Where a numeric value sits against its reference interval, in the interval's own unit. */
export interface PortalRangePosition {
  value: number;
  unit: string | null;
  low: number | null;
  high: number | null;
  position: "below" | "within" | "above";
  /** "135–145 mmol/L", "up to 100 mg/dL", "60 mL/min/1.73m2 or more". */
  label: string;
  /** What the range bar says to a screen reader: "128 mmol/L, below the range 135–145 mmol/L". */
  description: string;
}

export interface PortalAnalyte {
  id: string;
  /** The catalogue's name when identified, else the name as printed. */
  name: string;
  /** The name as the lab printed it. */
  rawName: string;
  /** Value and unit as the lab printed them. */
  value: string;
  unit: string | null;
  /** The value in the catalogue's unit, only when it differs from what was printed. */
  converted: { value: number; unit: string } | null;
  /** As printed, or the interval Labwise used when the lab gave none (`referenceSource: "catalogue"`). */
  referenceRange: string | null;
  referenceSource: "lab" | "catalogue" | null;
  range: PortalRangePosition | null;
  flag: PortalAnalyteFlag | null;
  /** The flag in words, with the direction of a critical value ("Critical high"). */
  flagLabel: string | null;
  loinc: string | null;
  category: string;
  derived: boolean;
  /** How a calculated value was worked out ("Na − (Cl + HCO3)"). */
  formula: string | null;
  /** The lab's status when the result is not final: shown as a "Preliminary" / "Corrected" badge. */
  resultStatus: "preliminary" | "corrected" | null;
  observedAt: string | null;
}

export interface PortalAnalyteGroup {
  category: string;
  analytes: PortalAnalyte[];
}

export type PortalSeverity = "critical" | "high" | "moderate" | "borderline" | "info";

export interface PortalSource {
  title: string;
  url: string;
  type: "pubmed" | "guideline";
  pmid: string | null;
  doi: string | null;
}

export interface PortalFinding {
  id: string;
  severity: PortalSeverity;
  title: string;
  clinician: string;
  ask: string | null;
  guidance: { id: string; text: string; source: PortalSource }[];
  sources: PortalSource[];
}

/** One numbered entry of a text's sources: `[n]` in the Markdown points to it. */
export interface PortalCitation extends PortalSource {
  number: number;
}

export interface PortalTrend {
  code: string;
  name: string;
  unit: string;
  previous: number;
  previousAt: string | null;
  current: number;
  currentAt: string | null;
  change: number;
  percentChange: number | null;
  direction: "up" | "down" | "unchanged";
}

export type PortalStepStatus = "pending" | "queued" | "running" | "succeeded" | "failed" | "cancelled" | "dead_letter";

export interface PortalPipelineStep {
  type: string;
  label: string;
  status: PortalStepStatus;
  attempts: number;
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  error: string | null;
}

export type PortalSusceptibilityCategory = "S" | "I" | "R" | "SDD" | "NS";

/** The lab's susceptibility categories in words (CLSI M100; EUCAST calls "I" "susceptible, increased exposure"). */
export const SUSCEPTIBILITY_LABELS: Record<PortalSusceptibilityCategory, string> = {
  S: "Susceptible",
  I: "Intermediate",
  R: "Resistant",
  SDD: "Susceptible-dose dependent",
  NS: "Non-susceptible",
};

/** One antibiotic tested against a culture's organism: the MIC as the lab printed it and the lab's category. */
export interface PortalSusceptibility {
  antibiotic: string;
  mic: string | null;
  interpretation: PortalSusceptibilityCategory | null;
  method: string | null;
}

/** One culture result: the organism isolated, or what the lab found instead ("No growth"). */
export interface PortalCulture {
  test: string;
  loinc: string | null;
  specimen: string | null;
  organism: string | null;
  finding: string | null;
  quantity: string | null;
  observedAt: string | null;
  resultStatus: "preliminary" | "corrected" | null;
  susceptibilities: PortalSusceptibility[];
  notes: string | null;
}

export interface PortalLabDetail {
  id: string;
  status: PortalLabStatus;
  source: PortalLabSummary["source"];
  format: string | null;
  fileName: string | null;
  /** The original file can be downloaded (GET /api/portal/labs/{id}/file). */
  hasFile: boolean;
  /** The FHIR R4 Bundle has been built (GET /api/portal/labs/{id}/fhir). */
  hasFhirBundle: boolean;
  patient: PortalPatientRef | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  failureReason: string | null;
  steps: PortalPipelineStep[];
  /** What extraction could not read, in words a person can act on. */
  skipped: { reason: string; where: string | null }[];
  criticalValues: PortalAnalyte[];
  findings: PortalFinding[];
  analyteCount: number;
  analyteGroups: PortalAnalyteGroup[];
  /** Cultures and antibiotic susceptibilities, never among the analytes; [] when the lab has none. */
  microbiology: PortalCulture[];
  trends: PortalTrend[];
  patientText: string | null;
  clinicianText: string | null;
  citations: { patient: PortalCitation[]; clinician: PortalCitation[] };
}
