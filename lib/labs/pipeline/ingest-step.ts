/**
 * pipeline.ingest_validate: fetch the lab's source (the uploaded file, or submitted items), detect its
 * format from the content, extract every analyte, and store them as received. A file that cannot be read,
 * or holds more results than LAB_MAX_ANALYTES, fails the lab with the reason (ExtractionError), not a
 * retry. Extraction runs in a worker thread and analytes are written in chunks outside any transaction, so
 * a large file neither stalls the process's HTTP requests nor outlives a transaction timeout.
 */
import { config } from "../../config";
import { Prisma } from "../../db";
import { pooledSql, preparedRows } from "../../db/prepared";
import { PermanentFailure } from "../../errors";
import { ExtractionError, extractItems, extractLabOffThread, type ExtractionResult, mergePatientContext } from "../../ingest";
import { declaredNamesInContext } from "../../ingest/deidentify-source";
import { log } from "../../log";
import { readVerifiedUpload } from "../../uploads/read-verified-upload";
import { readInput, readPatientContext, writeMicrobiology, writePatientContext, writeSkipped } from "../codecs";
import { insertAnalytes } from "./analyte-chunks";
import { updateLabReportingSteps } from "./notify";
import type { PipelineLab } from "./pipeline-lab";
import { labNotFound } from "./step-lab";

export interface IngestSummary {
  format: string;
  analytes: number;
  skipped: number;
}

/** The lab as ingestion reads it: what it was given (a file or submitted values) and its patient context. */
interface IngestLab {
  id: string;
  patientContext: Prisma.JsonValue | null;
  input: Prisma.JsonValue | null;
  labsReceived: number | null;
  upload: { id: string; storageKey: string; sha256: string | null; contentType: string; filename: string | null } | null;
}

const INGEST_LAB = {
  name: "labwise_ingest_lab",
  text: `SELECT l.id, l.patient_context AS "patientContext", l.input, l.labs_received AS "labsReceived",
      u.id AS "uploadId", u.storage_key AS "storageKey", u.sha256, u.content_type AS "contentType", u.filename
    FROM lab_results l LEFT JOIN uploads u ON u.id = l.upload_id AND u.organization_id = l.organization_id
   WHERE l.id = $1::uuid AND l.organization_id = $2::uuid`,
};

async function readIngestLab({ labResultId, organizationId }: PipelineLab): Promise<IngestLab> {
  const [row] = await preparedRows<Omit<IngestLab, "upload"> & { uploadId: string | null } & Omit<NonNullable<IngestLab["upload"]>, "id">>(INGEST_LAB, [labResultId, organizationId]);
  if (!row) throw labNotFound();
  const { uploadId, storageKey, sha256, contentType, filename, ...lab } = row;
  return { ...lab, upload: uploadId ? { id: uploadId, storageKey, sha256, contentType, filename } : null };
}

async function readSource(lab: IngestLab): Promise<ExtractionResult> {
  const labResultId = lab.id;
  // The people the partner named are removed during extraction, with those the file names itself.
  const names = declaredNamesInContext(readPatientContext(lab.patientContext, labResultId));
  if (lab.upload) {
    const bytes = await readVerifiedUpload(lab.upload);
    return extractLabOffThread({ bytes, contentType: lab.upload.contentType, filename: lab.upload.filename ?? undefined, names }, extractionOptions());
  }
  const items = readInput(lab.input, labResultId);
  if (items) return extractItems(items, names);
  throw new ExtractionError("this lab result has neither a file nor submitted values");
}

function extractionOptions() {
  const { LAB_MAX_ANALYTES, SCAN_MAX_PAGES, OCR_MAX_PAGES, PDF_MAX_PAGE_CONTENT_BYTES, PDF_MAX_CONTENT_BYTES, EXTRACT_WORKERS, EXTRACT_TIMEOUT_MS } = config();
  return {
    limits: {
      maxAnalytes: LAB_MAX_ANALYTES,
      maxPages: SCAN_MAX_PAGES,
      maxOcrPages: OCR_MAX_PAGES,
      maxPageContentBytes: PDF_MAX_PAGE_CONTENT_BYTES,
      maxContentBytes: PDF_MAX_CONTENT_BYTES,
    },
    workers: EXTRACT_WORKERS,
    timeoutMs: EXTRACT_TIMEOUT_MS,
    log,
  };
}

/** A file that yielded nothing fails the lab, saying why (the first reason, and how many more). */
export function nothingReadReason(extraction: ExtractionResult): string {
  const [first, ...rest] = extraction.skipped;
  if (!first) return "no lab values found in this file";
  const more = rest.length ? ` (and ${rest.length} more entr${rest.length === 1 ? "y" : "ies"} like it)` : "";
  return `no lab values could be read from this file: ${first.where ? `${first.where}: ` : ""}${first.reason}${more}`;
}

export async function ingestAndValidate({ labResultId, organizationId }: PipelineLab): Promise<IngestSummary> {
  await updateLabReportingSteps({ labResultId, organizationId }, { status: "processing", startedAt: new Date() }, [1]);
  const lab = await readIngestLab({ labResultId, organizationId });
  let extraction: ExtractionResult;
  try {
    extraction = await readSource(lab);
  } catch (error) {
    if (error instanceof ExtractionError) {
      // The reason goes to the partner; the underlying library error only to the operator's log.
      if (error.cause) log.warn({ component: "ingest", labResultId, reason: error.message, err: error.cause }, "the lab's source could not be read");
      throw new PermanentFailure(error.message, { cause: error });
    }
    throw error;
  }
  // A report of cultures alone is a result: "no lab values" is for files with neither analytes nor cultures.
  if (!extraction.analytes.length && !extraction.microbiology?.length) throw new PermanentFailure(nothingReadReason(extraction));
  // Age and sex the file states fill gaps in the patient context (what the partner sent is never replaced);
  // the file's current conditions and medications are added to the partner's.
  const patientContext = mergePatientContext(readPatientContext(lab.patientContext, labResultId), extraction.patient);
  // Replace, not append: a retried step must leave the same rows as a first run. The rows are written in
  // chunks, each its own statement, so no transaction stays open for the whole file; the lab is still
  // `processing` until the last step, so nobody reads a half-written set as a result.
  await pooledSql(Prisma.sql`DELETE FROM analytes WHERE lab_result_id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid`);
  await insertAnalytes(
    extraction.analytes.map((a, position) => ({
      organizationId,
      labResultId,
      position,
      rawName: a.name,
      rawValue: a.value,
      rawUnit: a.unit,
      rawRange: a.referenceRange,
      rawFlag: a.flag,
      rawDate: a.date,
      notes: a.notes,
      loinc: a.loinc,
      code: a.code?.code,
      valueNumber: a.parsed.valueNumber,
      valueComparator: a.parsed.comparator,
      valueText: a.parsed.valueText,
      unit: a.parsed.unit ?? a.unit,
      referenceLow: a.parsed.range?.low,
      referenceHigh: a.parsed.range?.high,
      referenceText: a.parsed.range?.text,
      referenceSource: a.referenceRange ? "lab" : null,
      observedAt: a.parsed.observedAt ? new Date(a.parsed.observedAt) : null,
      resultStatus: a.resultStatus ?? null,
    })),
  );
  await updateLabReportingSteps(
    { labResultId, organizationId },
    {
      format: extraction.format,
      // An agent run counted what it received before keeping the 200 most relevant.
      labsReceived: lab.labsReceived ?? extraction.analytes.length,
      skipped: extraction.skipped.length ? writeSkipped(extraction.skipped) : null,
      microbiology: extraction.microbiology?.length ? writeMicrobiology(extraction.microbiology) : null,
      ...(patientContext ? { patientContext: writePatientContext(patientContext) } : {}),
    },
    [2],
  );
  return { format: extraction.format, analytes: extraction.analytes.length, skipped: extraction.skipped.length };
}
