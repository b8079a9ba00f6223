/**
 * The clinical engine's view of a stored lab: its analytes as a panel (latest value of each, canonical units,
 * the engine's derived values) with the history of each analyte from this file and from the member's earlier
 * ready labs. run_inference reads it whole; write_artifacts without the earlier labs, taking the trends
 * run_inference stored from them.
 */
import { CATALOGUE } from "../../clinical/catalogue";
import { derivedValues } from "../../clinical/derive-panel";
import { conversionSource, identify, rawCode, toCanonical } from "../../clinical/normalize";
import { toUcum } from "../../clinical/units";
import { buildPanel, type Panel, type PanelValue } from "../../clinical/panel";
import { patientFacts, type PatientFacts } from "../../clinical/patient";
import type { Analyte } from "../../db";
import { preparedRows } from "../../db/prepared";
import { readPatientContext } from "../codecs";
import { analyteChunks, yieldToEventLoop } from "./analyte-chunks";
import { unusableRangeProblem } from "../shown-range";
import type { PipelineLab } from "./pipeline-lab";
import { readStepLab, type StepLab } from "./step-lab";

export interface LoadedPanel {
  panel: Panel;
  patient: PatientFacts;
  /** Results received (measured rows, not the engine's derived ones). */
  received: number;
}

/** Characters that would change how a printed name renders in Markdown. */
const plain = (name: string) => name.replace(/[\\`*_[\]<>|#]/g, " ").replace(/\s+/g, " ").trim();

export function panelValue(a: Analyte): PanelValue {
  const definition = identify(a.rawName, a.loinc, a.unit ?? a.rawUnit);
  const canonical = (bound: number | null) => {
    if (bound === null || !definition) return bound ?? undefined;
    if (a.referenceSource !== "lab") return bound;
    return toCanonical(bound, a.unit, definition) ?? undefined;
  };
  const problem = unusableRangeProblem(a);
  const reference = problem
    ? { text: a.referenceText ?? undefined, source: "lab" as const, problem }
    : a.referenceLow !== null || a.referenceHigh !== null
      ? { low: canonical(a.referenceLow), high: canonical(a.referenceHigh), text: a.rawRange ?? undefined, source: a.referenceSource === "catalogue" ? ("catalogue" as const) : ("lab" as const) }
      : null;
  const conversion = definition && a.normalizedValue !== null ? conversionSource(toUcum(a.unit), definition) : null;
  return {
    code: definition?.code ?? rawCode(plain(a.rawName), a.unit ?? a.rawUnit),
    kind: definition ? "catalogue" : "raw",
    name: definition?.name ?? plain(a.displayName ?? a.rawName),
    patientName: definition?.patientName ?? plain(a.rawName),
    explanation: definition?.explanation,
    category: definition?.category ?? a.category,
    value: definition ? a.normalizedValue : a.valueNumber,
    comparator: a.valueComparator,
    text: a.valueText,
    unit: definition?.unit ?? a.unit ?? a.rawUnit ?? "",
    ...(a.valueNumber !== null ? { reported: { value: a.valueNumber, unit: a.unit ?? a.rawUnit } } : {}),
    ...(conversion ? { conversionSource: conversion } : {}),
    flag: (a.flag as PanelValue["flag"]) ?? null,
    reference,
    observedAt: a.observedAt,
    derived: false,
    ...(a.resultStatus === "preliminary" || a.resultStatus === "corrected" ? { resultStatus: a.resultStatus } : {}),
  };
}

/**
 * The panel of the lab; `row` is the lab as the steps read it, when the caller has read it already. `history:
 * false` leaves out the member's earlier labs, for a caller that reads the trends run_inference stored.
 */
export async function loadPanel({ labResultId, organizationId }: PipelineLab, row?: StepLab, { history = true } = {}): Promise<LoadedPanel> {
  const lab = row ?? (await readStepLab({ labResultId, organizationId }));
  const patient = patientFacts(readPatientContext(lab.patientContext, labResultId));
  // Read and converted a chunk at a time: a large lab must not hold the thread that answers requests.
  const measured: PanelValue[] = [];
  for await (const rows of analyteChunks({ labResultId, organizationId }, "measured")) measured.push(...rows.map(panelValue));
  const earlier = history && lab.memberId ? await earlierResults(lab.organizationId, lab.memberId, labResultId, measured) : [];
  await yieldToEventLoop();
  const base = buildPanel(measured, earlier);
  await yieldToEventLoop();
  return { panel: base.with(derivedValues(base, patient)), patient, received: measured.length };
}

/** The member's results from earlier ready labs for the analytes this lab has, measured or derived. */
async function earlierResults(organizationId: string, memberId: string, labResultId: string, measured: PanelValue[]) {
  const codes = new Set(measured.map((v) => v.code));
  // eGFR is derived from creatinine: its history is the earlier labs' eGFR, measured or derived.
  if (codes.has("creatinine")) codes.add("egfr");
  const loincs = CATALOGUE.filter((d) => codes.has(d.code)).flatMap((d) => d.loinc);
  if (!loincs.length) return [];
  const rows = await preparedRows<EarlierRow>(EARLIER_RESULTS, [organizationId, loincs, labResultId, memberId]);
  return rows.flatMap((r) => {
    const definition = identify(r.rawName, r.loinc, r.unit);
    return definition ? [{ code: definition.code, value: r.normalizedValue, observedAt: r.observedAt ?? r.labCreatedAt }] : [];
  });
}

interface EarlierRow {
  rawName: string;
  loinc: string | null;
  unit: string | null;
  normalizedValue: number;
  observedAt: Date | null;
  labCreatedAt: Date;
}

/** run_inference reads the history of every lab: a prepared statement, as the analytes are (analyte-chunks.ts). */
const EARLIER_RESULTS = {
  name: "labwise_earlier_results",
  text: `SELECT a.raw_name AS "rawName", a.loinc, a.unit, a.normalized_value AS "normalizedValue", a.observed_at AS "observedAt",
      l.created_at AS "labCreatedAt"
    FROM analytes a JOIN lab_results l ON l.id = a.lab_result_id AND l.organization_id = a.organization_id
   WHERE a.organization_id = $1::uuid AND a.loinc = ANY($2::text[]) AND a.normalized_value IS NOT NULL
     AND a.lab_result_id <> $3::uuid AND l.member_id = $4::uuid AND l.status = 'ready'`,
};
