/**
 * What the drop zone accepts and how it names a file's type to the server: the API's own list of content
 * types (lib/uploads/schemas.ts), keyed by the extensions browsers leave untyped (`.hl7` arrives as "").
 */
import { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from "@/lib/portal/schemas";

/** react-dropzone's `accept`: a file passes when its type or its extension is listed. */
export const ACCEPTED_FILES: Record<string, string[]> = {
  "application/pdf": [".pdf"],
  "image/png": [".png"],
  "image/jpeg": [".jpg", ".jpeg"],
  "image/tiff": [".tif", ".tiff"],
  "text/csv": [".csv"],
  "text/plain": [".txt", ".hl7"],
  "application/json": [".json"],
  "application/fhir+json": [".json"],
  "application/hl7-v2": [".hl7"],
};

export const ACCEPTED_DESCRIPTION = "PDF, PNG, JPEG, TIFF, CSV, HL7 v2 or FHIR JSON, up to 25 MB each";

const BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  tif: "image/tiff",
  tiff: "image/tiff",
  csv: "text/csv",
  txt: "text/plain",
  hl7: "application/hl7-v2",
  json: "application/json",
};

/** The content type to declare for `file`: its own when Labwise takes it, else the one its extension implies. */
export function contentTypeOf(file: { name: string; type: string }): string | null {
  if ((UPLOAD_CONTENT_TYPES as readonly string[]).includes(file.type)) return file.type;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || null;
}

/** Why a file was refused before upload, in words for the person who chose it (react-dropzone's error codes). */
export function refusalReason(code: string, file: { size: number }): string {
  switch (code) {
    case "file-invalid-type":
      return `Labwise cannot read this type of file. Use ${ACCEPTED_DESCRIPTION}.`;
    case "file-too-large":
      return `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; files are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`;
    case "file-too-small":
      return "The file is empty.";
    default:
      return "This file cannot be uploaded.";
  }
}
