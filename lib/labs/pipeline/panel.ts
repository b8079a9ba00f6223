/**
 * The clinical engine's view of a stored lab: its analytes as a panel (latest value of each, canonical units,
 * the engine's derived values) with the history of each analyte from this file and from the member's earlier
 * ready labs. Shared by run_inference and write_artifacts, so both read the same panel.
 */
import { CATALOGUE } from "../../clinical/catalogue";
import { derivedValues } from "../../clinical/derive-panel";
import { conversionSource, identify, rawCode, toCanonical } from "../../clinical/normalize";
import { toUcum } from "../../clinical/units";
import { buildPanel, type Panel, type PanelValue } from "../../clinical/panel";
import { patientFacts, type PatientFacts } from "../../clinical/patient";
import { db, type Analyte, type Prisma } from "../../db";
import { readPatientContext } from "../codecs";
import { analyteChunks, yieldToEventLoop } from "./analyte-chunks";
import { unusableRangeProblem } from "../shown-range";
import type { PipelineLab } from "./pipeline-lab";

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

/** The lab's columns `loadPanel` reads: a step that reads more of the row selects these with its own. */
export const PANEL_LAB = { organizationId: true, memberId: true, patientContext: true, createdAt: true } as const;
type PanelLab = Prisma.LabResultGetPayload<{ select: typeof PANEL_LAB }>;

/** The panel of the lab; `row` is its PANEL_LAB columns when the caller has read them already. */
export async function loadPanel({ labResultId, organizationId }: PipelineLab, row?: PanelLab): Promise<LoadedPanel> {
  const lab = row ?? (await db.labResult.findFirstOrThrow({ where: { id: labResultId, organizationId }, select: PANEL_LAB }));
  const patient = patientFacts(readPatientContext(lab.patientContext, labResultId));
  // Read and converted a chunk at a time: a large lab must not hold the thread that answers requests.
  const measured: PanelValue[] = [];
  for await (const rows of analyteChunks({ labResultId, organizationId }, "measured")) measured.push(...rows.map(panelValue));
  const earlier = lab.memberId ? await earlierResults(lab.organizationId, lab.memberId, labResultId, measured) : [];
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
  const rows = await db.analyte.findMany({
    where: {
      organizationId,
      loinc: { in: loincs },
      normalizedValue: { not: null },
      labResultId: { not: labResultId },
      labResult: { memberId, status: "ready" },
    },
    select: { rawName: true, loinc: true, unit: true, normalizedValue: true, observedAt: true, labResult: { select: { createdAt: true } } },
  });
  return rows.flatMap((r) => {
    const definition = identify(r.rawName, r.loinc, r.unit);
    return definition ? [{ code: definition.code, value: r.normalizedValue!, observedAt: r.observedAt ?? r.labResult.createdAt }] : [];
  });
}
