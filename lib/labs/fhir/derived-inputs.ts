/**
 * Which measured analytes each value derived in run_inference was calculated from, for
 * `Observation.derivedFrom`. The derivations are lib/clinical/derive-panel.ts's; a derived analyte is
 * stored under the name its formula gives it (lib/clinical/derived.ts), and the inputs by catalogue code.
 * The engine reads the latest measured value of each input, so the latest (last in the lab's order) is the
 * one referenced. Pure.
 */
const INPUTS: [RegExp, string[]][] = [
  [/^eGFR/i, ["creatinine"]],
  [/^Non-HDL cholesterol/i, ["total-cholesterol", "hdl-cholesterol"]],
  [/^LDL cholesterol \(Sampson\)/i, ["total-cholesterol", "hdl-cholesterol", "triglycerides"]],
  [/^Anion gap/i, ["sodium", "chloride", "carbon-dioxide"]],
  [/^Calcium adjusted for albumin/i, ["calcium", "albumin"]],
  [/^BUN\/creatinine ratio/i, ["bun", "creatinine"]],
  [/^A\/G ratio/i, ["albumin", "total-protein"]],
  [/^FIB-4/i, ["ast", "alt", "platelets"]],
];

interface Row {
  id: string;
  rawName: string;
  code: string | null;
  derived: boolean;
  valueNumber: number | null;
}

/** Derived analyte id → ids of the measured analytes it was calculated from (only those the lab has). */
export function derivedInputs(analytes: Row[]): Map<string, string[]> {
  const latest = new Map<string, string>();
  for (const a of analytes) if (!a.derived && a.code && a.valueNumber != null) latest.set(a.code, a.id);
  const out = new Map<string, string[]>();
  for (const a of analytes) {
    if (!a.derived) continue;
    const codes = INPUTS.find(([name]) => name.test(a.rawName))?.[1] ?? [];
    out.set(a.id, codes.map((c) => latest.get(c)).filter((id): id is string => id !== undefined));
  }
  return out;
}
