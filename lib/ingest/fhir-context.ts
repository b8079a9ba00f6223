/**
 * The clinical context a FHIR Bundle carries beside its lab results: the person's current conditions
 * (Condition) and medicines (MedicationRequest, MedicationStatement), as display text for the rules
 * (lib/clinical/patient.ts reads them as `conditions` / `medications`). Resolved, inactive, refuted and
 * entered-in-error conditions and stopped, cancelled, completed and entered-in-error medicines are left
 * out: the rules must only hear about what is true now.
 */
import type { CodeableConcept, Condition, Medication, MedicationUse, Resource } from "./fhir-types";

/** Condition.clinicalStatus codes (hl7.org/fhir/R4/valueset-condition-clinical.html) that mean "has it now". */
const ACTIVE_CLINICAL = new Set(["active", "recurrence", "relapse"]);
const NOT_TRUE = new Set(["refuted", "entered-in-error"]);
/**
 * MedicationRequest/Statement statuses that mean the person is not taking it now: stopped, cancelled,
 * entered-in-error, and completed (a finished course; for a statement, no longer taken), not-taken.
 */
const NOT_TAKEN = new Set(["stopped", "cancelled", "entered-in-error", "completed", "not-taken"]);

const codeOf = (status: CodeableConcept | string | undefined) =>
  (typeof status === "string" ? status : status?.coding?.find((coding) => coding.code)?.code ?? status?.text)?.trim().toLowerCase();

const displayOf = (concept: CodeableConcept | undefined) =>
  (concept?.text?.trim() || concept?.coding?.find((coding) => coding.display?.trim())?.display?.trim() || "").toLowerCase();

/** A condition's display text when it is current (clinicalStatus active, or not stated), else undefined. */
export function currentCondition(condition: Condition): string | undefined {
  const clinical = codeOf(condition.clinicalStatus);
  if (clinical !== undefined && !ACTIVE_CLINICAL.has(clinical)) return undefined;
  if (NOT_TRUE.has(codeOf(condition.verificationStatus) ?? "")) return undefined;
  return displayOf(condition.code) || undefined;
}

/**
 * A medicine's display text when it is current: the medicationCodeableConcept, else the Medication it
 * references (contained in the resource, or elsewhere in the Bundle through `resolve`).
 */
export function currentMedication(use: MedicationUse, resolve: (reference: string) => Resource | undefined): string | undefined {
  if (NOT_TAKEN.has(use.status?.trim().toLowerCase() ?? "")) return undefined;
  const direct = displayOf(use.medicationCodeableConcept);
  if (direct) return direct;
  const reference = use.medicationReference?.reference;
  const target = reference ? (reference.startsWith("#") ? use.contained?.find((resource) => `#${resource.id}` === reference) : resolve(reference)) : undefined;
  const fromMedication = target?.resourceType === "Medication" ? displayOf((target as Medication).code) : "";
  return fromMedication || use.medicationReference?.display?.trim().toLowerCase() || undefined;
}
