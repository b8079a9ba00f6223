/**
 * The few FHIR R4 shapes Labwise reads (hl7.org/fhir/R4/observation.html, diagnosticreport.html,
 * bundle.html). Everything is optional because files come from outside and are checked as they are read.
 */

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Quantity {
  value?: number;
  comparator?: "<" | "<=" | ">=" | ">";
  unit?: string;
  system?: string;
  code?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

export interface ObservationReferenceRange {
  low?: Quantity;
  high?: Quantity;
  text?: string;
}

/** The value[x] choices of Observation and Observation.component. */
export interface ObservationValue {
  valueQuantity?: Quantity;
  valueString?: string;
  valueCodeableConcept?: CodeableConcept;
  valueBoolean?: boolean;
  valueInteger?: number;
  dataAbsentReason?: CodeableConcept;
  interpretation?: CodeableConcept[];
  referenceRange?: ObservationReferenceRange[];
}

export interface ObservationComponent extends ObservationValue {
  code?: CodeableConcept;
}

export interface Resource {
  resourceType: string;
  id?: string;
  contained?: Resource[];
}

export interface Observation extends Resource, ObservationValue {
  resourceType: "Observation";
  status?: string;
  category?: CodeableConcept[];
  code?: CodeableConcept;
  effectiveDateTime?: string;
  effectivePeriod?: { start?: string; end?: string };
  effectiveInstant?: string;
  issued?: string;
  note?: { text?: string }[];
  component?: ObservationComponent[];
}

export interface DiagnosticReport extends Resource {
  resourceType: "DiagnosticReport";
  result?: Reference[];
  effectiveDateTime?: string;
  issued?: string;
}

export interface Bundle extends Resource {
  resourceType: "Bundle";
  type?: string;
  entry?: { fullUrl?: string; resource?: Resource }[];
}

/** hl7.org/fhir/R4/condition.html: what Labwise reads (clinicalStatus was a plain code in STU3). */
export interface Condition extends Resource {
  resourceType: "Condition";
  clinicalStatus?: CodeableConcept | string;
  verificationStatus?: CodeableConcept | string;
  code?: CodeableConcept;
  subject?: Reference;
}

/** hl7.org/fhir/R4/medicationrequest.html and medicationstatement.html: the medicine and its status. */
export interface MedicationUse extends Resource {
  resourceType: "MedicationRequest" | "MedicationStatement";
  status?: string;
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  subject?: Reference;
}

export interface Medication extends Resource {
  resourceType: "Medication";
  code?: CodeableConcept;
}
