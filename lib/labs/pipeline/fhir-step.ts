/**
 * pipeline.fhir_store_upsert: the lab as a FHIR R4 Bundle — one DiagnosticReport and an Observation per
 * analyte, with LOINC codes where known, UCUM-style units, reference ranges and HL7 interpretation codes —
 * stored with the lab result (served by the FHIR endpoint of the submissions API).
 */
import { db } from "../../db";
import type { Analyte } from "../../db";
import { writeFhirBundle } from "../codecs";
import { analyteChunks } from "./analyte-chunks";
import type { PipelineLab } from "./pipeline-lab";

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

function report(labResultId: string, observationIds: string[], issued: Date) {
  return {
    resourceType: "DiagnosticReport",
    id: labResultId,
    status: "final",
    category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0074", code: "LAB" }] }],
    code: { text: "Laboratory report" },
    issued: issued.toISOString(),
    result: observationIds.map((id) => ({ reference: `Observation/${id}` })),
  };
}

const entry = <R extends { id: string }>(resource: R) => ({ fullUrl: `urn:uuid:${resource.id}`, resource });

export function buildFhirBundle(labResultId: string, analytes: Analyte[], issued: Date) {
  const observations = analytes.map((a) => observation(a, labResultId, issued.toISOString()));
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: issued.toISOString(),
    entry: [report(labResultId, observations.map((o) => o.id), issued), ...observations].map(entry),
  };
}

/**
 * Stores the same document as `buildFhirBundle`, written a chunk of observations at a time: the frame with
 * the DiagnosticReport first (through the column's codec, which keeps the Bundle under `bundle`), then each
 * chunk's Observations appended to `bundle.entry` and their references to the report's `result`, with a
 * turn of the event loop between chunks. A lab of thousands of results is megabytes of JSON, too much to
 * build, serialise and send in one go on the thread that answers requests; a retried step starts again from
 * the frame.
 */
export async function storeFhir({ labResultId, organizationId }: PipelineLab): Promise<{ resources: number }> {
  // The statements below change nothing for a lab of another organisation; not finding it is the answer.
  await db.labResult.findFirstOrThrow({ where: { id: labResultId, organizationId }, select: { id: true } });
  const issued = new Date();
  const frame = writeFhirBundle({ resourceType: "Bundle", type: "collection", timestamp: issued.toISOString(), entry: [entry(report(labResultId, [], issued))] });
  await db.$executeRaw`UPDATE lab_results SET fhir_bundle = ${JSON.stringify(frame)}::jsonb, updated_at = now() WHERE id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid`;
  let resources = 1;
  for await (const analytes of analyteChunks({ labResultId, organizationId })) {
    const observations = JSON.stringify(analytes.map((a) => entry(observation(a, labResultId, issued.toISOString()))));
    const references = JSON.stringify(analytes.map((a) => ({ reference: `Observation/${a.id}` })));
    await db.$executeRaw`
      UPDATE lab_results SET fhir_bundle = jsonb_set(fhir_bundle, '{bundle,entry}',
        jsonb_set(fhir_bundle #> '{bundle,entry}', '{0,resource,result}', (fhir_bundle #> '{bundle,entry,0,resource,result}') || ${references}::jsonb)
          || ${observations}::jsonb)
      WHERE id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid`;
    resources += analytes.length;
  }
  return { resources };
}
