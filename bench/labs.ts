/** Benchmark inputs: realistic 60-analyte panels as CSV and JSON. */
const PANEL: [string, string, string][] = [
  ["Sodium", "mmol/L", "135-145"], ["Potassium", "mmol/L", "3.5-5.1"], ["Chloride", "mmol/L", "98-107"], ["Bicarbonate", "mmol/L", "22-29"],
  ["BUN", "mg/dL", "7-20"], ["Creatinine", "mg/dL", "0.7-1.3"], ["Glucose", "mg/dL", "70-99"], ["Calcium", "mg/dL", "8.5-10.2"],
  ["Total Protein", "g/dL", "6.0-8.3"], ["Albumin", "g/dL", "3.5-5.0"], ["Total Bilirubin", "mg/dL", "0.1-1.2"], ["ALP", "U/L", "44-147"],
  ["ALT", "U/L", "7-56"], ["AST", "U/L", "10-40"], ["GGT", "U/L", "9-48"], ["Magnesium", "mg/dL", "1.7-2.2"], ["Phosphate", "mg/dL", "2.5-4.5"],
  ["Uric Acid", "mg/dL", "3.4-7.0"], ["Total Cholesterol", "mg/dL", "<200"], ["LDL Cholesterol", "mg/dL", "<100"], ["HDL Cholesterol", "mg/dL", ">40"],
  ["Triglycerides", "mg/dL", "<150"], ["Apolipoprotein B", "mg/dL", "<90"], ["Lipoprotein(a)", "nmol/L", "<75"], ["Hemoglobin A1c", "%", "<5.7"],
  ["TSH", "mIU/L", "0.4-4.0"], ["Free T4", "ng/dL", "0.8-1.8"], ["Free T3", "pg/mL", "2.3-4.2"], ["Ferritin", "ng/mL", "30-400"], ["Iron", "ug/dL", "60-170"],
  ["TIBC", "ug/dL", "240-450"], ["Transferrin Saturation", "%", "20-50"], ["Vitamin D, 25-OH", "ng/mL", "30-100"], ["Vitamin B12", "pg/mL", "200-900"],
  ["Folate", "ng/mL", ">3.0"], ["hs-CRP", "mg/L", "<3.0"], ["PSA", "ng/mL", "<4.0"], ["WBC", "x10^3/uL", "4.5-11.0"], ["RBC", "x10^6/uL", "4.5-5.9"],
  ["Hemoglobin", "g/dL", "13.5-17.5"], ["Hematocrit", "%", "41-53"], ["MCV", "fL", "80-100"], ["MCH", "pg", "27-33"], ["MCHC", "g/dL", "32-36"],
  ["RDW", "%", "11.5-14.5"], ["Platelets", "x10^3/uL", "150-400"], ["MPV", "fL", "7.5-11.5"], ["Neutrophils", "%", "40-70"], ["Lymphocytes", "%", "20-40"],
  ["Monocytes", "%", "2-8"], ["Eosinophils", "%", "1-4"], ["Basophils", "%", "0-1"], ["Cystatin C", "mg/L", "0.6-1.0"], ["eGFR", "mL/min/1.73m2", ">60"],
  ["Urine Albumin/Creatinine", "mg/g", "<30"], ["Urine pH", "", "4.5-8.0"], ["Urine Specific Gravity", "", "1.005-1.030"], ["Amylase", "U/L", "30-110"],
  ["Lipase", "U/L", "10-140"], ["LDH", "U/L", "140-280"],
];

/** A value near the middle of each range, nudged so some are flagged, as real panels are. */
function valueFor(range: string, index: number): string {
  const numbers = range.match(/[\d.]+/g)!.map(Number);
  const base = numbers.length === 2 ? (numbers[0] + numbers[1]) / 2 : numbers[0] * (range.startsWith("<") ? 0.8 : 1.2);
  const nudge = index % 7 === 0 ? 1.6 : 1;
  return String(Math.round(base * nudge * 100) / 100);
}

export const PANEL_SIZE = PANEL.length;

export function panelCsv(): string {
  const rows = PANEL.map(([name, unit, range], i) => `${name},${valueFor(range, i)},${unit},${range}`);
  return ["Test,Result,Unit,Reference Range", ...rows].join("\n") + "\n";
}

/** The panel as lab items (the JSON upload and the Lab Results Agent's `labResults`). */
export function panelItems() {
  return PANEL.map(([name, unit, range], i) => ({ name, value: valueFor(range, i), unit, referenceRange: range, date: "2026-11-01" }));
}

export function panelJson(): string {
  return JSON.stringify(panelItems());
}
