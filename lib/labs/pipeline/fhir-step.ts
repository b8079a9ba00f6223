/**
 * pipeline.fhir_store_upsert: the lab's FHIR R4 resources as the mapping step left them, stored with the lab
 * result as the pipeline's checkpoint — the same resources `buildLabFhirBundle` (../fhir) makes, in a
 * `preliminary` report: one DiagnosticReport, the pseudonymous Patient and an Observation per analyte, with
 * LOINC codes, UCUM units, reference ranges and HL7 interpretation codes.
 *
 * It is not what is served. Values derived in run_inference and the findings come after this step, so every
 * surface (member and submissions APIs, portal download) builds the Bundle from the final analytes once the
 * lab is ready (../fhir/get-lab-fhir-bundle.ts): no reader gets this earlier, shorter document.
 */
import { db, Prisma, type Analyte } from "../../db";
import { pooledSql } from "../../db/prepared";
import { writeFhirBundle, writeFhirBundleWith } from "../codecs";
import { labBundleFrame, labObservationEntry } from "../fhir";
import { analyteChunks, CHUNK } from "./analyte-chunks";
import { readStepLab } from "./step-lab";
import type { PipelineLab } from "./pipeline-lab";

/**
 * Stores the document. A lab whose analytes fit in one chunk (a panel's few dozen results: almost every lab) is
 * written whole, in one statement. A larger one is written a chunk of observations at a time: the frame with the
 * DiagnosticReport and the Patient first (through the column's codec, which keeps the Bundle under `bundle`),
 * then each chunk's Observations appended to `bundle.entry` and their `urn:uuid:` references to the report's
 * `result`, with a turn of the event loop between chunks. A lab of thousands of results is megabytes of JSON,
 * too much to build, serialise and send in one go on the thread that answers requests; a retried step starts
 * again from the frame.
 */
export async function storeFhir({ labResultId, organizationId }: PipelineLab): Promise<{ resources: number }> {
  // The statements below change nothing for a lab of another organisation; not finding it is the answer.
  const lab = await readStepLab({ labResultId, organizationId });
  const issued = new Date();
  const chunks = analyteChunks({ labResultId, organizationId });
  const first: Analyte[] = (await chunks.next()).value || [];
  const entriesOf = (analytes: Analyte[]) => analytes.map((a) => labObservationEntry(a, { id: labResultId, issued }));
  if (first.length < CHUNK) {
    const observed = first.flatMap((a) => (a.observedAt ? [a.observedAt] : []));
    const frame = labBundleFrame({ id: lab.id, status: lab.status, issued, findingTitles: [] }, observed);
    const entries = entriesOf(first);
    frame.entry[0].resource.result = entries.map((e) => ({ reference: e.fullUrl }));
    await writeDocument({ labResultId, organizationId }, writeFhirBundleWith(frame, entries));
    return { resources: 2 + first.length };
  }
  const observed = await db.analyte.aggregate({ where: { labResultId, organizationId }, _min: { observedAt: true }, _max: { observedAt: true } });
  const times = [observed._min.observedAt, observed._max.observedAt].filter((d): d is Date => d !== null);
  await writeDocument({ labResultId, organizationId }, writeFhirBundle(labBundleFrame({ id: lab.id, status: lab.status, issued, findingTitles: [] }, times)));
  let resources = 2;
  for (let chunk: Analyte[] | void = first; chunk; chunk = (await chunks.next()).value) {
    const entries = entriesOf(chunk);
    const observations = JSON.stringify(entries);
    const references = JSON.stringify(entries.map((e) => ({ reference: e.fullUrl })));
    await pooledSql(Prisma.sql`
      UPDATE lab_results SET fhir_bundle = jsonb_set(fhir_bundle, '{bundle,entry}',
        jsonb_set(fhir_bundle #> '{bundle,entry}', '{0,resource,result}', (fhir_bundle #> '{bundle,entry,0,resource,result}') || ${references}::jsonb)
          || ${observations}::jsonb)
      WHERE id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid`);
    resources += chunk.length;
  }
  return { resources };
}

async function writeDocument({ labResultId, organizationId }: PipelineLab, document: Prisma.InputJsonObject): Promise<void> {
  await pooledSql(Prisma.sql`UPDATE lab_results SET fhir_bundle = ${JSON.stringify(document)}::jsonb, updated_at = now() WHERE id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid`);
}
