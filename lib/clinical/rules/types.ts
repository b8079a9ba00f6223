import type { Finding } from "../findings";
import type { Panel } from "../panel";
import type { PatientFacts } from "../patient";

/**
 * A rule reads the panel (latest value of each analyte, canonical units) and the patient facts and returns
 * what it found: nothing when its inputs are missing or unremarkable. Pure and deterministic.
 */
export type Rule = (panel: Panel, patient: PatientFacts) => Finding[];
