/** The codecs of the lab result's JSON columns: every read and write of those columns goes through these. */
export { readCitations, writeCitations, type LabCitations } from "./citations";
export { readFhirBundle, writeFhirBundle, writeFhirBundleWith, type FhirBundle } from "./fhir-bundle";
export { readFindings, writeFindings } from "./findings";
export { readInput, writeInput } from "./input";
export { readMetadata, writeMetadata, type LabMetadata } from "./metadata";
export { readPatientContext, writePatientContext, type PatientContext } from "./patient-context";
export { readMicrobiology, writeMicrobiology } from "./microbiology";
export { readSkipped, writeSkipped } from "./skipped";
export { StoredJsonError, type LabResultJsonColumn } from "./stored-json";
