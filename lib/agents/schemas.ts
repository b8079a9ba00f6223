/**
 * Request and response schemas of the Lab Results Agent (DESIGN §5.4, seed 003 for the request, seed 001 for
 * the result): validation, tests and OpenAPI. Strict about types (a number where the seed says string is a
 * 400), lenient about fields the seed does not name (dropped, so a partner's extra metadata is no error).
 */
import { z } from "zod";
import { SEVERITIES } from "../clinical/findings";
import { parseWebhookUrl, UrlNotAllowedError } from "../webhooks/url-guard";
import { AGENT, type AgentResult } from "./payloads";

/** Seed 003's element limits of the patient context. */
export const PATIENT_LIMITS = { conditions: 100, medications: 30, allergies: 20, familyHistory: 20 } as const;

const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const agentLabItemSchema = z
  .object({
    name: required(500).describe("Lab test name, e.g. “Creatinine”, “Hemoglobin A1c”"),
    value: required(1000).describe("Result value as a string; may include the unit (“1.8 mg/dL”, “7.2%”)"),
    flag: text(100).optional().describe("Abnormality flag: High, Low, Normal, Critical (H, L, HH, LL, A accepted)"),
    referenceRange: text(500).optional().describe("Reference range, e.g. “0.7-1.3 mg/dL”"),
    date: text(100).optional().describe("Date of the test, ISO 8601 or YYYY-MM-DD (recommended)"),
    unit: text(100).optional().describe("Unit, when not in the value"),
    category: text(200).optional().describe("Lab category, e.g. “Renal”, “Metabolic”"),
    notes: text(5000).optional().describe("Additional context"),
  })
  .meta({ id: "LabResultsAgentLabItem" });

const list = (max: number, what: string) => z.array(text(1000)).max(max, `at most ${max} ${what}`);

export const agentPatientSchema = z
  .object({
    name: text(500).optional().describe("Patient name or identifier"),
    age: text(50).optional().describe("Patient age"),
    gender: text(50).optional().describe("Patient gender"),
    conditions: list(PATIENT_LIMITS.conditions, "conditions").optional().describe("Medical conditions (at most 100)"),
    medications: list(PATIENT_LIMITS.medications, "medications").optional().describe("Current medications (at most 30)"),
    allergies: list(PATIENT_LIMITS.allergies, "allergies").optional().describe("Known allergies (at most 20)"),
    familyHistory: list(PATIENT_LIMITS.familyHistory, "family history entries").optional().describe("Family medical history (at most 20)"),
    vitalSigns: z
      .array(z.union([text(1000), z.record(z.string(), z.unknown())]))
      .optional()
      .describe("Recent vital signs, as text or objects"),
    socialHistory: text(10_000).optional().describe("Smoking, alcohol, diet, exercise"),
    clinicalNotes: text(20_000).optional().describe("Free-text clinical notes"),
  })
  .meta({ id: "LabResultsAgentPatient" });

/**
 * The cheap part of the SSRF guard (scheme, credentials, allowlist), so a bad URL is listed with the other bad
 * fields; resolving the host and checking its addresses happens once the body is valid.
 */
const webhookUrl = z
  .string()
  .min(1)
  .max(2048)
  .superRefine((url, ctx) => {
    try {
      parseWebhookUrl(url);
    } catch (error) {
      if (!(error instanceof UrlNotAllowedError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message, params: { reason: error.reason } });
    }
  });

export const agentRunRequestSchema = z
  .object({
    webhookUrl: webhookUrl.describe(
      "HTTPS URL to receive the status updates and the result. Private, loopback and link-local addresses are refused.",
    ),
    labResults: z
      .array(agentLabItemSchema)
      .min(1, "at least one lab result is required")
      .describe("Labs to analyse (at least 1). Beyond 200, the 200 most relevant are analysed: critical, then abnormal, then newest."),
    patient: agentPatientSchema.optional(),
  })
  .meta({ id: "LabResultsAgentRequest" });

export type AgentRunRequest = z.infer<typeof agentRunRequestSchema>;
export type AgentLabItemInput = z.infer<typeof agentLabItemSchema>;

/** Any string: a malformed id is answered 404 like an unknown one, not 400. */
export const agentRunPathParams = z.object({ runId: z.string().min(1).max(200) });

export const agentRunStatusSchema = z.enum(["processing", "completed", "failed"]);

export const agentRunAcceptedSchema = z
  .object({
    runId: z.uuid(),
    status: z.literal("processing"),
    agent: z.literal(AGENT),
    labsReceived: z.int().describe("Labs in the request"),
    labsAnalyzed: z.int().describe("Labs that will be analysed (at most 200)"),
    message: z.string(),
  })
  .meta({ id: "LabResultsAgentAccepted" });

const citationSchema = z.object({
  url: z.string(),
  title: z.string(),
  metadata: z.looseObject({ type: z.string() }),
});

/** Seed 001's `result`. */
export const agentResultSchema = z
  .object({
    labResults: z.array(
      z.object({
        name: z.string(),
        value: z.string(),
        unit: z.string().optional(),
        flag: z.string().optional(),
        referenceRange: z.string().optional(),
        date: z.string().optional(),
        category: z.string().optional(),
        notes: z.string().optional(),
      }),
    ),
    patientResponse: z.string().describe("Patient-friendly explanation, Markdown"),
    clinicianResponse: z.string().describe("Clinical interpretation with numbered citations, Markdown"),
    citations: z.object({ patient: z.record(z.string(), citationSchema), clinician: z.record(z.string(), citationSchema) }),
    metadata: z.object({ labsReceived: z.int(), labsAnalyzed: z.int(), insightsMatched: z.int() }),
  })
  .meta({ id: "LabResultsAgentResult" });

const sourceSchema = z.object({ title: z.string(), url: z.string(), type: z.enum(["pubmed", "guideline"]), pmid: z.string().nullable(), doi: z.string().nullable() });

/** A finding of the clinical engine, with the guidance it retrieved and the sources it cites. */
export const agentFindingSchema = z
  .object({
    id: z.string().describe("What was found, as `<rule>.<variant>` (e.g. `kidney.ckd-category`)"),
    severity: z.enum(SEVERITIES).describe("critical, high, moderate, borderline or info; most urgent first"),
    title: z.string(),
    patientTitle: z.string(),
    analytes: z.array(z.string()).describe("Catalogue codes of the analytes the finding rests on"),
    patient: z.string(),
    clinician: z.string(),
    ask: z.string().nullable().describe("A question the patient can take to their clinician"),
    guidance: z.array(z.object({ id: z.string(), text: z.string(), source: sourceSchema })),
    sources: z.array(sourceSchema),
  })
  .meta({ id: "LabResultsAgentFinding" });

export const agentRunSchema = z
  .object({
    runId: z.uuid(),
    status: agentRunStatusSchema,
    agent: z.literal(AGENT),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    labsReceived: z.int(),
    labsAnalyzed: z.int(),
    result: agentResultSchema.optional().describe("Only when completed: the same result the final webhook carries"),
    findings: z.array(agentFindingSchema).optional().describe("Only when completed: the structured findings behind the responses"),
    error: z.object({ code: z.string(), message: z.string() }).optional().describe("Only when failed"),
  })
  .meta({ id: "LabResultsAgentRun" });

/** The result as `agentResult()` builds it: the schema above describes it, the payload code owns its type. */
export type AgentRunView = Omit<z.infer<typeof agentRunSchema>, "result"> & { result?: AgentResult };
export type AgentRunAccepted = z.infer<typeof agentRunAcceptedSchema>;
