/**
 * A lab's analytes a chunk at a time. A lab may hold LAB_MAX_ANALYTES results (5,000 by default), and the
 * steps run in the process that also answers HTTP requests: reading, converting and writing them in
 * chunks, one set-based statement per chunk and a turn of the event loop between chunks, keeps every
 * statement short and no request waiting behind a whole lab's work.
 */
import { Prisma, type Analyte } from "../../db";
import { pooledSql, preparedRows, type PreparedStatement } from "../../db/prepared";
import type { PipelineLab } from "./pipeline-lab";

/**
 * Rows per statement and per turn of the event loop: 500 keeps each chunk's work (reading, converting,
 * serialising) to a few tens of milliseconds, and each statement's parameters to a handful of arrays.
 */
export const CHUNK = 500;

/** Lets timers and I/O callbacks (incoming requests) run before the next chunk. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Every column of an analyte, named as the Prisma model names it. */
const ANALYTE_COLUMNS = `id, organization_id AS "organizationId", lab_result_id AS "labResultId", position, raw_name AS "rawName",
  raw_value AS "rawValue", raw_unit AS "rawUnit", raw_range AS "rawRange", raw_flag AS "rawFlag", raw_date AS "rawDate", notes, code,
  loinc, display_name AS "displayName", category, value_number AS "valueNumber", value_comparator AS "valueComparator",
  value_text AS "valueText", unit, normalized_value AS "normalizedValue", normalized_unit AS "normalizedUnit",
  reference_low AS "referenceLow", reference_high AS "referenceHigh", reference_text AS "referenceText",
  reference_source AS "referenceSource", flag, result_status AS "resultStatus", derived, observed_at AS "observedAt",
  created_at AS "createdAt"`;

/**
 * Five steps read the lab's analytes, so the read is a prepared statement (lib/db/prepared.ts): through Prisma
 * the 60 rows of a panel cost four times the CPU. `measured` leaves out the engine's derived rows.
 */
const CHUNK_OF = {
  all: { name: "labwise_analyte_chunk", text: `SELECT ${ANALYTE_COLUMNS} FROM analytes WHERE lab_result_id = $1::uuid AND organization_id = $2::uuid AND position > $3 ORDER BY position LIMIT $4` },
  measured: { name: "labwise_measured_analyte_chunk", text: `SELECT ${ANALYTE_COLUMNS} FROM analytes WHERE lab_result_id = $1::uuid AND organization_id = $2::uuid AND position > $3 AND NOT derived ORDER BY position LIMIT $4` },
} satisfies Record<string, PreparedStatement>;

/** The lab's analytes in position order, `CHUNK` at a time, with a turn of the event loop after each. */
export async function* analyteChunks({ labResultId, organizationId }: PipelineLab, which: keyof typeof CHUNK_OF = "all"): AsyncGenerator<Analyte[]> {
  for (let after = -1; ; ) {
    const chunk = await preparedRows<Analyte>(CHUNK_OF[which], [labResultId, organizationId, after, CHUNK]);
    if (!chunk.length) return;
    after = chunk.at(-1)!.position;
    yield chunk;
    // A short chunk is the last: no statement to learn that nothing follows.
    if (chunk.length < CHUNK) return;
    await yieldToEventLoop();
  }
}

/** An analyte as received, before map_to_fhir identifies and flags it. */
export interface NewAnalyte {
  organizationId: string;
  labResultId: string;
  position: number;
  rawName: string;
  rawValue: string;
  rawUnit?: string | null;
  rawRange?: string | null;
  rawFlag?: string | null;
  rawDate?: string | null;
  notes?: string | null;
  loinc?: string | null;
  code?: string | null;
  valueNumber?: number | null;
  valueComparator?: string | null;
  valueText?: string | null;
  unit?: string | null;
  referenceLow?: number | null;
  referenceHigh?: number | null;
  referenceText?: string | null;
  referenceSource?: string | null;
  observedAt?: Date | null;
  /** "preliminary" or "corrected"; null for a final result. */
  resultStatus?: string | null;
}

/**
 * Inserts the rows in chunks of `CHUNK`, each one INSERT … SELECT FROM unnest(…) with one array parameter
 * per column: a handful of parameters whatever the chunk's size, rather than twenty per row.
 */
export async function insertAnalytes(rows: NewAnalyte[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const column = <T>(pick: (row: NewAnalyte) => T | null | undefined) => chunk.map((row) => pick(row) ?? null);
    await pooledSql(Prisma.sql`
      INSERT INTO analytes (organization_id, lab_result_id, position, raw_name, raw_value, raw_unit, raw_range, raw_flag, raw_date,
        notes, loinc, code, value_number, value_comparator, value_text, unit, reference_low, reference_high, reference_text,
        reference_source, observed_at, result_status)
      SELECT * FROM unnest(${column((r) => r.organizationId)}::uuid[], ${column((r) => r.labResultId)}::uuid[], ${column((r) => r.position)}::int[],
        ${column((r) => r.rawName)}::text[], ${column((r) => r.rawValue)}::text[], ${column((r) => r.rawUnit)}::text[],
        ${column((r) => r.rawRange)}::text[], ${column((r) => r.rawFlag)}::text[], ${column((r) => r.rawDate)}::text[],
        ${column((r) => r.notes)}::text[], ${column((r) => r.loinc)}::text[], ${column((r) => r.code)}::text[],
        ${column((r) => r.valueNumber)}::float8[], ${column((r) => r.valueComparator)}::text[], ${column((r) => r.valueText)}::text[],
        ${column((r) => r.unit)}::text[], ${column((r) => r.referenceLow)}::float8[], ${column((r) => r.referenceHigh)}::float8[],
        ${column((r) => r.referenceText)}::text[], ${column((r) => r.referenceSource)}::text[],
        ${column((r) => r.observedAt?.toISOString())}::timestamptz[], ${column((r) => r.resultStatus)}::text[])`);
    await yieldToEventLoop();
  }
}
