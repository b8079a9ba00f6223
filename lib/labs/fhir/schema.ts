/**
 * The lab Bundle's shape as zod: documents the FHIR endpoints in OpenAPI and, being strict about the value
 * sets FHIR binds as `required` (statuses, comparators, interpretation codes) and about UCUM, checks what the
 * builder emits in tests next to the FHIR validator's structural check (which loads no value sets).
 */
import { z } from "zod";
import { FHIR } from "./terminology";

export const FHIR_JSON = "application/fhir+json";

const uuidUrn = z.string().regex(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const reference = z.strictObject({ reference: uuidUrn });
const coding = z.strictObject({ system: z.url(), code: z.string().min(1), display: z.string().optional() });
const codeable = z.strictObject({ coding: z.array(coding).min(1).optional(), text: z.string().optional() });
const dateTime = z.iso.datetime({ offset: true });

const quantity = z
  .strictObject({
    value: z.number(),
    comparator: z.enum(["<", "<=", ">=", ">"]).optional(),
    unit: z.string().optional(),
    system: z.literal(FHIR.ucum).optional(),
    code: z.string().optional(),
  })
  .refine((q) => (q.code === undefined) === (q.system === undefined), "a UCUM code comes with its system, and only then");
const simpleQuantity = z.strictObject({ value: z.number(), unit: z.string().optional(), system: z.literal(FHIR.ucum).optional(), code: z.string().optional() });

const observation = z.strictObject({
  resourceType: z.literal("Observation"),
  id: z.uuid(),
  status: z.enum(["registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"]),
  category: z.array(codeable).min(1),
  code: codeable,
  subject: reference,
  effectiveDateTime: dateTime.optional(),
  issued: dateTime,
  valueQuantity: quantity.optional(),
  valueString: z.string().min(1).optional(),
  dataAbsentReason: codeable.optional(),
  interpretation: z
    .array(
      z.strictObject({
        coding: z.array(coding.extend({ system: z.literal(FHIR.interpretation), code: z.enum(["L", "H", "LL", "HH", "N", "A", "AA", "IND"]) })).length(1),
        text: z.string().optional(),
      }),
    )
    .optional(),
  note: z.array(z.strictObject({ text: z.string() })).optional(),
  method: codeable.optional(),
  derivedFrom: z.array(reference).optional(),
  referenceRange: z
    .array(z.strictObject({ low: simpleQuantity.optional(), high: simpleQuantity.optional(), text: z.string().optional() }))
    .optional(),
});

const diagnosticReport = z.strictObject({
  resourceType: z.literal("DiagnosticReport"),
  id: z.uuid(),
  status: z.enum(["registered", "partial", "preliminary", "final", "amended", "corrected", "appended", "cancelled", "entered-in-error", "unknown"]),
  category: z.array(codeable).min(1),
  code: codeable,
  subject: reference,
  effectiveDateTime: dateTime.optional(),
  effectivePeriod: z.strictObject({ start: dateTime, end: dateTime }).optional(),
  issued: dateTime,
  result: z.array(reference),
  conclusion: z.string().optional(),
});

const security = z.array(coding);
const patient = z.strictObject({ resourceType: z.literal("Patient"), id: z.uuid(), meta: z.strictObject({ security }) });

const resource = z.discriminatedUnion("resourceType", [diagnosticReport, patient, observation]);

const example = {
  resourceType: "Bundle",
  id: "0b7c6f2e-3a51-5d4e-9c1a-7f0e2d3b4a59",
  meta: { lastUpdated: "2026-03-02T09:15:04.000Z", security: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", code: "PSEUDED", display: "pseudonymized" }] },
  type: "collection",
  timestamp: "2026-03-02T09:15:04.000Z",
  entry: [
    {
      fullUrl: "urn:uuid:5b0e7a52-1c4d-4e8f-9a3b-2d6c8e1f4a70",
      resource: {
        resourceType: "DiagnosticReport",
        id: "5b0e7a52-1c4d-4e8f-9a3b-2d6c8e1f4a70",
        status: "final",
        category: [{ coding: [{ system: FHIR.v2DiagnosticServiceSection, code: "LAB", display: "Laboratory" }] }],
        code: { coding: [{ system: FHIR.loinc, code: "11502-2", display: "Laboratory report" }], text: "Laboratory report" },
        subject: { reference: "urn:uuid:9d2f4c1a-7e3b-5a6d-8c0f-1b2a3c4d5e6f" },
        effectiveDateTime: "2026-03-01T08:00:00.000Z",
        issued: "2026-03-02T09:15:04.000Z",
        result: [{ reference: "urn:uuid:e4f1a9c2-6b3d-4e7f-8a1b-2c3d4e5f6a7b" }],
        conclusion: "Blood sugar above the diabetes threshold",
      },
    },
    {
      fullUrl: "urn:uuid:9d2f4c1a-7e3b-5a6d-8c0f-1b2a3c4d5e6f",
      resource: { resourceType: "Patient", id: "9d2f4c1a-7e3b-5a6d-8c0f-1b2a3c4d5e6f", meta: { security: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", code: "PSEUDED", display: "pseudonymized" }] } },
    },
    {
      fullUrl: "urn:uuid:e4f1a9c2-6b3d-4e7f-8a1b-2c3d4e5f6a7b",
      resource: {
        resourceType: "Observation",
        id: "e4f1a9c2-6b3d-4e7f-8a1b-2c3d4e5f6a7b",
        status: "final",
        category: [{ coding: [{ system: FHIR.observationCategory, code: "laboratory", display: "Laboratory" }] }],
        code: { coding: [{ system: FHIR.loinc, code: "2345-7" }, { system: FHIR.labwiseAnalyte, code: "glucose", display: "Glucose" }], text: "Glucose" },
        subject: { reference: "urn:uuid:9d2f4c1a-7e3b-5a6d-8c0f-1b2a3c4d5e6f" },
        effectiveDateTime: "2026-03-01T08:00:00.000Z",
        issued: "2026-03-02T09:15:04.000Z",
        valueQuantity: { value: 132, unit: "mg/dL", system: FHIR.ucum, code: "mg/dL" },
        interpretation: [{ coding: [{ system: FHIR.interpretation, code: "H", display: "High" }], text: "High" }],
        referenceRange: [{ low: { value: 70, unit: "mg/dL", system: FHIR.ucum, code: "mg/dL" }, high: { value: 99, unit: "mg/dL", system: FHIR.ucum, code: "mg/dL" }, text: "70-99" }],
      },
    },
  ],
};

export const labFhirBundleSchema = z
  .strictObject({
    resourceType: z.literal("Bundle"),
    id: z.uuid(),
    meta: z.strictObject({ lastUpdated: dateTime, security }),
    type: z.literal("collection"),
    timestamp: dateTime,
    entry: z.array(z.strictObject({ fullUrl: uuidUrn, resource })),
  })
  .meta({
    id: "LabFhirBundle",
    description:
      "A FHIR R4 Bundle (type `collection`): one DiagnosticReport, a de-identified Patient (an opaque id only) and one laboratory Observation per analyte, with LOINC and Labwise codes, UCUM units, reference ranges and HL7 v3 interpretation codes. Calculated values carry `derivedFrom` and their formula in `method`. Every reference is a `urn:uuid:` fullUrl of an entry.",
    example,
  });
