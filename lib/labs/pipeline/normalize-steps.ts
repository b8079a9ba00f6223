/**
 * pipeline.deidentify and pipeline.map_to_fhir: scrub direct identifiers from free text, then flag each
 * analyte against its reference range.
 */
import { normalizeAnalyte } from "../../clinical/normalize";
import { patientFacts, type PatientFacts } from "../../clinical/patient";
import { db, Prisma, type Analyte } from "../../db";
import { deidentifyText } from "../../ingest";

export async function deidentifyLab(labResultId: string): Promise<{ notesScrubbed: number }> {
  const withNotes = await db.analyte.findMany({ where: { labResultId, notes: { not: null } }, select: { id: true, notes: true } });
  let notesScrubbed = 0;
  for (const analyte of withNotes) {
    const clean = deidentifyText(analyte.notes!).text;
    if (clean !== analyte.notes) {
      notesScrubbed++;
      await db.analyte.update({ where: { id: analyte.id }, data: { notes: clean } });
    }
  }
  return { notesScrubbed };
}

/** Analytes normalised and written per UPDATE: 11 parameters a row, far below PostgreSQL's 65,535. */
const MAP_CHUNK = 1000;

/**
 * Identifies each analyte in the catalogue (LOINC, UCUM, canonical value), picks its reference interval
 * (the lab's own, else the catalogue's for the patient's sex and age) and flags it: one UPDATE … FROM
 * (VALUES …) per chunk of MAP_CHUNK analytes, yielding to the event loop between chunks so requests
 * served by the same process are answered while a large lab is mapped.
 */
export async function mapAnalytes(labResultId: string): Promise<{ identified: number; flagged: number }> {
  const lab = await db.labResult.findUniqueOrThrow({ where: { id: labResultId }, select: { patientContext: true } });
  const patient = patientFacts(lab.patientContext);
  let identified = 0;
  let flagged = 0;
  for (let after = -1; ; ) {
    const analytes = await db.analyte.findMany({ where: { labResultId, position: { gt: after } }, orderBy: { position: "asc" }, take: MAP_CHUNK });
    if (!analytes.length) break;
    after = analytes.at(-1)!.position;
    const counts = await mapChunk(analytes, patient);
    identified += counts.identified;
    flagged += counts.flagged;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { identified, flagged };
}

async function mapChunk(analytes: Analyte[], patient: PatientFacts): Promise<{ identified: number; flagged: number }> {
  let identified = 0;
  let flagged = 0;
  const rows = analytes.map((a) => {
    const n = normalizeAnalyte(
      {
        name: a.rawName,
        loinc: a.loinc,
        valueNumber: a.valueNumber,
        comparator: a.valueComparator,
        valueText: a.valueText,
        unit: a.unit,
        range: { low: a.referenceLow, high: a.referenceHigh },
        reportedFlag: a.rawFlag,
      },
      patient,
    );
    if (n.definition) identified++;
    if (n.flag && n.flag !== "Normal") flagged++;
    const fromCatalogue = n.reference?.source === "catalogue";
    const catalogueText = fromCatalogue ? `${rangeText(n.reference!.low, n.reference!.high)} ${n.reference!.unit ?? ""} (adult reference)`.trim() : null;
    return Prisma.sql`(${a.id}::uuid, ${n.loinc}::text, ${n.displayName}::text, ${n.category}::text, ${n.normalizedValue}::float8,
      ${n.normalizedUnit}::text, ${fromCatalogue ? (n.reference!.low ?? null) : a.referenceLow}::float8,
      ${fromCatalogue ? (n.reference!.high ?? null) : a.referenceHigh}::float8, ${fromCatalogue ? catalogueText : a.referenceText}::text,
      ${n.reference?.source ?? null}::text, ${n.flag}::text)`;
  });
  await db.$executeRaw`
    UPDATE analytes AS a SET loinc = v.loinc, display_name = v.display_name, category = v.category,
      normalized_value = v.normalized_value, normalized_unit = v.normalized_unit, reference_low = v.reference_low,
      reference_high = v.reference_high, reference_text = v.reference_text, reference_source = v.reference_source, flag = v.flag
    FROM (VALUES ${Prisma.join(rows)}) AS v(id, loinc, display_name, category, normalized_value, normalized_unit,
      reference_low, reference_high, reference_text, reference_source, flag)
    WHERE a.id = v.id`;
  return { identified, flagged };
}

function rangeText(low: number | undefined, high: number | undefined): string {
  if (low !== undefined && high !== undefined) return `${low}–${high}`;
  if (low !== undefined) return `≥ ${low}`;
  return high !== undefined ? `≤ ${high}` : "";
}
