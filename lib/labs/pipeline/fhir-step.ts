/**
 * pipeline.fhir_store_upsert: the lab as a FHIR R4 Bundle — one DiagnosticReport and an Observation per
 * analyte, with LOINC codes where known, UCUM-style units, reference ranges and HL7 interpretation codes —
 * stored with the lab result (served by the FHIR endpoint of the submissions API).
 */
import { db, Prisma } from "../../db";
import type { Analyte } from "../../db";

const INTERPRETATION: Record<string, { code: string; display: string }> = {
  Low: { code: "L", display: "Low" },
  High: { code: "H", display: "High" },
  Normal: { code: "N", display: "Normal" },
  Critical: { code: "AA", display: "Critical abnormal" },
  Abnormal: { code: "A", display: "Abnormal" },
  Indeterminate: { code: "IND", display: "Indeterminate" },
};

function observation(a: Analyte, labResultId: string, effective: string) {
  const interpretation = a.flag ? INTERPRETATION[a.flag] : undefined;
  // A catalogue interval is in the catalogue's canonical unit; the lab's own range in the lab's unit.
  const rangeUnit = a.referenceSource === "catalogue" ? a.normalizedUnit : a.unit;
  return {
    resourceType: "Observation",
    id: a.id,
    status: "final",
    category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "laboratory" }] }],
    code: {
      ...(a.loinc ? { coding: [{ system: "http://loinc.org", code: a.loinc, display: a.displayName ?? a.rawName }] } : {}),
      text: a.displayName ?? a.rawName,
    },
    subject: { reference: `urn:labwise:lab-result:${labResultId}` },
    effectiveDateTime: a.observedAt?.toISOString() ?? effective,
    ...(a.valueNumber != null
      ? {
          valueQuantity: {
            value: a.valueNumber,
            ...(a.valueComparator ? { comparator: a.valueComparator } : {}),
            ...(a.unit ? { unit: a.unit, system: "http://unitsofmeasure.org", code: a.unit } : {}),
          },
        }
      : { valueString: a.valueText ?? a.rawValue }),
    ...(interpretation
      ? { interpretation: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", ...interpretation }] }] }
      : {}),
    ...(a.referenceLow != null || a.referenceHigh != null || a.referenceText
      ? {
          referenceRange: [
            {
              ...(a.referenceLow != null ? { low: { value: a.referenceLow, ...(rangeUnit ? { unit: rangeUnit } : {}) } } : {}),
              ...(a.referenceHigh != null ? { high: { value: a.referenceHigh, ...(rangeUnit ? { unit: rangeUnit } : {}) } } : {}),
              ...(a.rawRange || a.referenceText ? { text: a.rawRange ?? a.referenceText } : {}),
            },
          ],
        }
      : {}),
    ...(a.notes ? { note: [{ text: a.notes }] } : {}),
  };
}

export function buildFhirBundle(labResultId: string, analytes: Analyte[], issued: Date) {
  const observations = analytes.map((a) => observation(a, labResultId, issued.toISOString()));
  const report = {
    resourceType: "DiagnosticReport",
    id: labResultId,
    status: "final",
    category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0074", code: "LAB" }] }],
    code: { text: "Laboratory report" },
    issued: issued.toISOString(),
    result: observations.map((o) => ({ reference: `Observation/${o.id}` })),
  };
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: issued.toISOString(),
    entry: [report, ...observations].map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}

export async function storeFhir(labResultId: string): Promise<{ resources: number }> {
  const analytes = await db.analyte.findMany({ where: { labResultId }, orderBy: { position: "asc" } });
  const bundle = buildFhirBundle(labResultId, analytes, new Date());
  await db.labResult.update({ where: { id: labResultId }, data: { fhirBundle: bundle as unknown as Prisma.InputJsonValue } });
  return { resources: bundle.entry.length };
}
