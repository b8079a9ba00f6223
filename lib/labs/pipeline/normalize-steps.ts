/**
 * pipeline.deidentify and pipeline.map_to_fhir: scrub direct identifiers from free text, then flag each
 * analyte against its reference range.
 */
import { normalizeAnalyte } from "../../clinical/normalize";
import { patientFacts, type PatientFacts } from "../../clinical/patient";
import { db, Prisma, type Analyte } from "../../db";
import { pooledSql } from "../../db/prepared";
import { createDeidentifier, type Deidentifier, isNumericValue } from "../../ingest/deidentify";
import { declaredNamesInContext } from "../../ingest/deidentify-source";
import { readPatientContext, readSkipped, writeSkipped } from "../codecs";
import { UNUSABLE_RANGE, unusableRangeProblem, unusableRangeText } from "../shown-range";
import { analyteChunks } from "./analyte-chunks";
import { readStepLab } from "./step-lab";
import type { PipelineLab } from "./pipeline-lab";

/** The free-text columns of an analyte that leave Labwise (API, webhooks, FHIR bundle, Markdown). */
const TEXT_COLUMNS = ["rawValue", "rawUnit", "rawRange", "rawFlag", "notes", "valueText", "referenceText", "unit"] as const;

function deidentifyRow(row: Pick<Analyte, "id" | "rawName" | (typeof TEXT_COLUMNS)[number]>, clean: Deidentifier) {
  const next = { ...row, rawName: clean.analyteName(row.rawName) };
  for (const column of TEXT_COLUMNS) if (row[column]) next[column] = clean.text(row[column]!);
  if (isNumericValue(row.rawValue)) next.rawValue = row.rawValue;
  return next;
}

/**
 * Extraction (lib/ingest, in its worker thread) already removed what the patterns find and the people the
 * file (HL7 PID-5, FHIR Patient.name, "Patient:" lines) and the partner's patient context name, before any
 * row was stored. This step is the checkpoint before anything is mapped, stored as FHIR, written into
 * Markdown or sent: every stored free-text column — analyte names, values, units, ranges, flags, notes and
 * the skipped list — is read again through the de-identifier, and anything it still finds is removed.
 */
export async function deidentifyLab({ labResultId, organizationId }: PipelineLab): Promise<{ namesDeclared: number; analytesScrubbed: number; identifiersRemoved: number }> {
  const lab = await readStepLab({ labResultId, organizationId });
  const names = declaredNamesInContext(readPatientContext(lab.patientContext, labResultId));
  const clean = createDeidentifier({ names });
  let analytesScrubbed = 0;
  for await (const analytes of analyteChunks({ labResultId, organizationId })) {
    const changed = analytes.map((row) => deidentifyRow(row, clean)).filter((row, index) => (["rawName", ...TEXT_COLUMNS] as const).some((column) => row[column] !== analytes[index][column]));
    if (!changed.length) continue;
    analytesScrubbed += changed.length;
    const rows = changed.map(
      (r) => Prisma.sql`(${r.id}::uuid, ${r.rawName}::text, ${r.rawValue}::text, ${r.rawUnit}::text, ${r.rawRange}::text, ${r.rawFlag}::text,
        ${r.notes}::text, ${r.valueText}::text, ${r.referenceText}::text, ${r.unit}::text)`,
    );
    await db.$executeRaw`
      UPDATE analytes AS a SET raw_name = v.raw_name, raw_value = v.raw_value, raw_unit = v.raw_unit, raw_range = v.raw_range,
        raw_flag = v.raw_flag, notes = v.notes, value_text = v.value_text, reference_text = v.reference_text, unit = v.unit
      FROM (VALUES ${Prisma.join(rows)}) AS v(id, raw_name, raw_value, raw_unit, raw_range, raw_flag, notes, value_text, reference_text, unit)
      WHERE a.id = v.id AND a.organization_id = ${organizationId}::uuid`;
  }
  const skipped = readSkipped(lab.skipped, labResultId);
  if (skipped.length) {
    const cleaned = skipped.map((entry) => ({ ...entry, reason: clean.text(entry.reason), ...(entry.where !== undefined ? { where: clean.text(entry.where) } : {}) }));
    await db.labResult.update({ where: { id: labResultId, organizationId }, data: { skipped: writeSkipped(cleaned) } });
  }
  return { namesDeclared: names.length, analytesScrubbed, identifiersRemoved: clean.removed };
}

/**
 * Identifies each analyte in the catalogue (LOINC, UCUM, canonical value), picks its reference interval
 * (the lab's own, else the catalogue's for the patient's sex and age) and flags it: one UPDATE … FROM
 * unnest(…) per chunk of analytes, with a turn of the event loop between chunks (analyte-chunks.ts).
 */
export async function mapAnalytes({ labResultId, organizationId }: PipelineLab): Promise<{ identified: number; flagged: number }> {
  const lab = await readStepLab({ labResultId, organizationId });
  const patient = patientFacts(readPatientContext(lab.patientContext, labResultId));
  let identified = 0;
  let flagged = 0;
  for await (const analytes of analyteChunks({ labResultId, organizationId })) {
    const counts = await mapChunk(analytes, patient, organizationId);
    identified += counts.identified;
    flagged += counts.flagged;
  }
  return { identified, flagged };
}



interface MappedRow {
  id: string;
  loinc: string | null;
  displayName: string | null;
  category: string | null;
  normalizedValue: number | null;
  normalizedUnit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  referenceText: string | null;
  referenceSource: string | null;
  flag: string | null;
}

async function mapChunk(analytes: Analyte[], patient: PatientFacts, organizationId: string): Promise<{ identified: number; flagged: number }> {
  let identified = 0;
  let flagged = 0;
  const rows = analytes.map((a): MappedRow => {
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
        rangeUnusable: unusableRangeProblem(a),
      },
      patient,
    );
    if (n.definition) identified++;
    if (n.flag && n.flag !== "Normal") flagged++;
    const problem = n.reference?.problem;
    if (problem) {
      // The bounds are dropped so that nothing (flags, FHIR, the portal's range bar, the rules) reads them;
      // the text every surface shows says what was printed and why it was not used.
      return {
        id: a.id,
        loinc: n.loinc ?? null,
        displayName: n.displayName ?? null,
        category: n.category ?? null,
        normalizedValue: n.normalizedValue ?? null,
        normalizedUnit: n.normalizedUnit ?? null,
        referenceLow: null,
        referenceHigh: null,
        referenceText: a.referenceSource === UNUSABLE_RANGE ? a.referenceText : unusableRangeText(a.rawRange?.trim() || rangeText(a.referenceLow ?? undefined, a.referenceHigh ?? undefined), problem),
        referenceSource: UNUSABLE_RANGE,
        flag: n.flag ?? null,
      };
    }
    const fromCatalogue = n.reference?.source === "catalogue";
    const catalogueText = fromCatalogue ? `${rangeText(n.reference!.low, n.reference!.high)} ${n.reference!.unit ?? ""} (adult reference)`.trim() : null;
    return {
      id: a.id,
      loinc: n.loinc ?? null,
      displayName: n.displayName ?? null,
      category: n.category ?? null,
      normalizedValue: n.normalizedValue ?? null,
      normalizedUnit: n.normalizedUnit ?? null,
      referenceLow: fromCatalogue ? (n.reference!.low ?? null) : a.referenceLow,
      referenceHigh: fromCatalogue ? (n.reference!.high ?? null) : a.referenceHigh,
      referenceText: fromCatalogue ? catalogueText : a.referenceText,
      referenceSource: n.reference?.source ?? null,
      flag: n.flag ?? null,
    };
  });
  const column = <K extends keyof MappedRow>(key: K) => rows.map((row) => row[key]);
  await pooledSql(Prisma.sql`
    UPDATE analytes AS a SET loinc = v.loinc, display_name = v.display_name, category = v.category,
      normalized_value = v.normalized_value, normalized_unit = v.normalized_unit, reference_low = v.reference_low,
      reference_high = v.reference_high, reference_text = v.reference_text, reference_source = v.reference_source, flag = v.flag
    FROM unnest(${column("id")}::uuid[], ${column("loinc")}::text[], ${column("displayName")}::text[], ${column("category")}::text[],
      ${column("normalizedValue")}::float8[], ${column("normalizedUnit")}::text[], ${column("referenceLow")}::float8[],
      ${column("referenceHigh")}::float8[], ${column("referenceText")}::text[], ${column("referenceSource")}::text[], ${column("flag")}::text[])
      AS v(id, loinc, display_name, category, normalized_value, normalized_unit, reference_low, reference_high, reference_text,
        reference_source, flag)
    WHERE a.id = v.id AND a.organization_id = ${organizationId}::uuid`);
  return { identified, flagged };
}

function rangeText(low: number | undefined, high: number | undefined): string {
  if (low !== undefined && high !== undefined) return `${low}–${high}`;
  if (low !== undefined) return `≥ ${low}`;
  return high !== undefined ? `≤ ${high}` : "";
}
