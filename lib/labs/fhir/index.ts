export { buildLabFhirBundle, labBundleFrame, labObservationEntry, type FhirAnalyte, type FhirLab, type LabFhirBundle } from "./build-bundle";
export { getLabFhirBundle, type LabFhirScope } from "./get-lab-fhir-bundle";
export { labFhirBundleSchema, FHIR_JSON } from "./schema";
