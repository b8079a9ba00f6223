/**
 * Test helpers: panel values built the way the pipeline builds them (catalogue identification,
 * normalisation, flags), so rule and narrative tests exercise the same path as real labs.
 */
import { derivedValues } from "./derive-panel";
import { normalizeAnalyte, rawCode, toCanonical } from "./normalize";
import { buildPanel, type Panel, type PanelValue } from "./panel";
import type { PatientFacts } from "./patient";

export interface Measured {
  name: string;
  value: number | string;
  unit?: string;
  range?: { low?: number; high?: number };
  flag?: string;
  date?: string;
}

export function measured(input: Measured, patient: PatientFacts = {}): PanelValue {
  const numeric = typeof input.value === "number" ? input.value : null;
  const n = normalizeAnalyte(
    { name: input.name, valueNumber: numeric, valueText: numeric === null ? String(input.value) : null, unit: input.unit, range: input.range, reportedFlag: input.flag },
    patient,
  );
  const definition = n.definition;
  // The lab's range in the catalogue's unit, as the pipeline reads it (lib/labs/pipeline/panel.ts).
  const canonical = (bound: number | undefined) => (bound === undefined || !definition || n.reference?.source !== "lab" ? bound : (toCanonical(bound, n.unit, definition) ?? undefined));
  return {
    code: definition?.code ?? rawCode(input.name, input.unit),
    kind: definition ? "catalogue" : "raw",
    name: n.displayName,
    patientName: definition?.patientName ?? input.name,
    explanation: definition?.explanation,
    category: n.category,
    value: definition ? n.normalizedValue : numeric,
    comparator: null,
    text: numeric === null ? String(input.value) : null,
    unit: definition?.unit ?? input.unit ?? "",
    ...(numeric !== null ? { reported: { value: numeric, unit: input.unit ?? null } } : {}),
    ...(n.conversionSource ? { conversionSource: n.conversionSource } : {}),
    flag: n.flag,
    reference: n.reference ? { low: canonical(n.reference.low), high: canonical(n.reference.high), source: n.reference.source, ...(n.reference.problem ? { problem: n.reference.problem } : {}) } : null,
    observedAt: input.date ? new Date(input.date) : null,
    derived: false,
  };
}

/** A panel with the engine's derived values, as the pipeline builds it. */
export function panelOf(patient: PatientFacts, results: Measured[]): Panel {
  const base = buildPanel(results.map((r) => measured(r, patient)));
  return base.with(derivedValues(base, patient));
}
