/**
 * The chunked writes against a real database: analytes inserted with one statement per chunk come back as
 * written (nulls, numbers, dates), and the FHIR bundle appended a chunk at a time is the document
 * `buildLabFhirBundle` (../fhir) makes of the same analytes, as is the one written whole for a lab of one chunk — valid R4, every Observation in order and
 * referenced by the report — as a preliminary report, since the lab is still processing.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { createOrganization } from "../../organizations";
import { bundleIssues } from "../../../tests/support/fhir/validate";
import { readFhirBundle } from "../codecs";
import { buildLabFhirBundle } from "../fhir";
import { CHUNK, insertAnalytes } from "./analyte-chunks";
import { storeFhir } from "./fhir-step";

async function labWith(rows: number) {
  const { organization } = await createOrganization({ name: `FHIR chunks ${Date.now()}` });
  const lab = await db.labResult.create({ data: { organizationId: organization.id, source: "submission", status: "processing" } });
  await insertAnalytes(
    Array.from({ length: rows }, (_, position) => ({
      organizationId: organization.id,
      labResultId: lab.id,
      position,
      rawName: position % 2 ? "Glucose" : "Urine Protein",
      rawValue: position % 2 ? String(90 + (position % 10)) : "Negative",
      rawUnit: position % 2 ? "mg/dL" : null,
      rawRange: position % 2 ? "70-99" : null,
      valueNumber: position % 2 ? 90 + (position % 10) : null,
      valueText: position % 2 ? null : "Negative",
      unit: position % 2 ? "mg/dL" : null,
      referenceLow: position % 2 ? 70 : null,
      referenceHigh: position % 2 ? 99 : null,
      referenceSource: position % 2 ? "lab" : null,
      loinc: position % 2 ? "2345-7" : null,
      observedAt: new Date(Date.UTC(2024, 0, 1) + position * 60_000),
    })),
  );
  return lab.id;
}

/** The lab as the pipeline's event names it, with its organisation. */
async function pipelineLab(labResultId: string) {
  const { organizationId } = await db.labResult.findUniqueOrThrow({ where: { id: labResultId }, select: { organizationId: true } });
  return { labResultId, organizationId };
}

describe("chunked analyte and FHIR writes", () => {
  it("stores every analyte as written, across chunks", async () => {
    const labId = await labWith(CHUNK * 2 + 7);
    const stored = await db.analyte.findMany({ where: { labResultId: labId }, orderBy: { position: "asc" } });
    expect(stored).toHaveLength(CHUNK * 2 + 7);
    expect(stored[1]).toMatchObject({ position: 1, rawName: "Glucose", rawValue: "91", valueNumber: 91, referenceLow: 70, valueText: null, derived: false });
    expect(stored[0]).toMatchObject({ rawName: "Urine Protein", valueNumber: null, valueText: "Negative", rawUnit: null });
    expect(stored.at(-1)!.observedAt).toEqual(new Date(Date.UTC(2024, 0, 1) + (CHUNK * 2 + 6) * 60_000));
  });

  it("appends the bundle a chunk at a time into the document buildLabFhirBundle makes", async () => {
    const labId = await labWith(CHUNK * 2 + 7);
    expect(await storeFhir(await pipelineLab(labId))).toEqual({ resources: CHUNK * 2 + 9 });
    const stored = await db.labResult.findUniqueOrThrow({ where: { id: labId }, select: { fhirBundle: true } });
    const fhirBundle = readFhirBundle(stored.fhirBundle, labId)!;
    const analytes = await db.analyte.findMany({ where: { labResultId: labId }, orderBy: { position: "asc" } });
    const built = buildLabFhirBundle({ id: labId, status: "processing", issued: new Date(fhirBundle.timestamp), analytes, findingTitles: [] });
    expect(fhirBundle).toEqual(built);
    expect(built.entry[0].resource.status).toBe("preliminary");
    expect(bundleIssues(built)).toEqual([]);
  });

  it("writes a lab of one chunk whole: the same document", async () => {
    const labId = await labWith(7);
    expect(await storeFhir(await pipelineLab(labId))).toEqual({ resources: 9 });
    const stored = await db.labResult.findUniqueOrThrow({ where: { id: labId }, select: { fhirBundle: true } });
    const fhirBundle = readFhirBundle(stored.fhirBundle, labId)!;
    const analytes = await db.analyte.findMany({ where: { labResultId: labId }, orderBy: { position: "asc" } });
    expect(fhirBundle).toEqual(buildLabFhirBundle({ id: labId, status: "processing", issued: new Date(fhirBundle.timestamp), analytes, findingTitles: [] }));
    expect(fhirBundle.entry[0].resource).toMatchObject({ effectivePeriod: { start: "2024-01-01T00:00:00.000Z", end: "2024-01-01T00:06:00.000Z" } });
  });

  it("starts again from the frame when the step is retried", async () => {
    const labId = await labWith(3);
    await storeFhir(await pipelineLab(labId));
    await storeFhir(await pipelineLab(labId));
    const { fhirBundle } = await db.labResult.findUniqueOrThrow({ where: { id: labId }, select: { fhirBundle: true } });
    expect(readFhirBundle(fhirBundle, labId)!.entry).toHaveLength(5);
  });
});
