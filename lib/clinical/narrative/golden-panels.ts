/**
 * Realistic panels whose patient and clinician Markdown are kept as golden files (golden/*.md), read by eye
 * when they change. Each is a case a clinician would recognise.
 */
import type { PatientFacts } from "../patient";
import type { Measured } from "../test-support";

export interface GoldenCase {
  name: string;
  patient: PatientFacts;
  results: Measured[];
}

const BMP_NORMAL: Measured[] = [
  { name: "Sodium", value: 140, unit: "mmol/L", range: { low: 136, high: 145 } },
  { name: "Chloride", value: 103, unit: "mmol/L", range: { low: 98, high: 107 } },
  { name: "CO2", value: 25, unit: "mmol/L", range: { low: 22, high: 29 } },
  { name: "Glucose", value: 92, unit: "mg/dL", range: { low: 70, high: 99 } },
  { name: "Calcium", value: 9.4, unit: "mg/dL", range: { low: 8.6, high: 10.3 } },
];

export const GOLDEN_CASES: GoldenCase[] = [
  {
    // The seed-001 example: creatinine 1.8 mg/dL with eGFR 38 in an older man, with an earlier creatinine.
    name: "ckd-g3b",
    patient: { age: 78, sex: "male", conditions: ["hypertension"], medications: ["lisinopril 20 mg"] },
    results: [
      { name: "Creatinine", value: 1.4, unit: "mg/dL", range: { low: 0.7, high: 1.3 }, date: "2024-07-10" },
      { name: "Creatinine", value: 1.8, unit: "mg/dL", range: { low: 0.7, high: 1.3 }, date: "2025-01-15" },
      { name: "BUN", value: 32, unit: "mg/dL", range: { low: 7, high: 20 }, date: "2025-01-15" },
      { name: "Potassium", value: 5.3, unit: "mmol/L", range: { low: 3.5, high: 5.1 }, date: "2025-01-15" },
      ...BMP_NORMAL.map((r) => ({ ...r, date: "2025-01-15" })),
    ],
  },
  {
    name: "critical-potassium",
    patient: { age: 64, sex: "female" },
    results: [
      { name: "Potassium", value: 6.9, unit: "mmol/L", range: { low: 3.5, high: 5.1 }, flag: "HH" },
      { name: "Creatinine", value: 0.9, unit: "mg/dL", range: { low: 0.5, high: 1.1 } },
      ...BMP_NORMAL,
    ],
  },
  {
    name: "all-in-range",
    patient: { age: 35, sex: "female" },
    results: [
      ...BMP_NORMAL,
      { name: "Potassium", value: 4.2, unit: "mmol/L", range: { low: 3.5, high: 5.1 } },
      { name: "Creatinine", value: 0.8, unit: "mg/dL", range: { low: 0.5, high: 1.1 } },
      { name: "Hemoglobin", value: 13.6, unit: "g/dL", range: { low: 12, high: 15.5 } },
      { name: "Platelets", value: 250, unit: "10*3/uL", range: { low: 150, high: 400 } },
    ],
  },
  {
    // A first metabolic screen in a middle-aged man: HbA1c and fasting glucose both in the diabetes range, very
    // high LDL, high triglycerides, low HDL.
    name: "glycaemia-and-lipids",
    patient: { age: 52, sex: "male" },
    results: [
      { name: "Hemoglobin A1c", value: 7.1, unit: "%", range: { low: 4, high: 5.6 } },
      { name: "Glucose, fasting", value: 138, unit: "mg/dL", range: { low: 70, high: 99 } },
      { name: "Total cholesterol", value: 292, unit: "mg/dL", range: { high: 200 } },
      { name: "HDL cholesterol", value: 36, unit: "mg/dL", range: { low: 40 } },
      { name: "Triglycerides", value: 230, unit: "mg/dL", range: { high: 150 } },
      { name: "LDL cholesterol", value: 198, unit: "mg/dL", range: { high: 100 } },
      { name: "Creatinine", value: 0.9, unit: "mg/dL", range: { low: 0.7, high: 1.3 } },
    ],
  },
  {
    // Known type 2 diabetes on metformin: HbA1c above the usual goal, lipids treated.
    name: "known-diabetes",
    patient: { age: 61, sex: "female", conditions: ["Type 2 diabetes mellitus"], medications: ["metformin 1000 mg twice daily", "atorvastatin 40 mg"] },
    results: [
      { name: "HbA1c", value: 8.2, unit: "%", range: { low: 4, high: 5.6 } },
      { name: "LDL-C", value: 88, unit: "mg/dL", range: { high: 100 } },
      { name: "Creatinine", value: 0.8, unit: "mg/dL", range: { low: 0.5, high: 1.1 } },
      { name: "Urine albumin/creatinine ratio", value: 45, unit: "mg/g", range: { high: 30 } },
    ],
  },
  {
    // Iron-deficiency pattern in a premenopausal woman: low haemoglobin, small red cells, low ferritin.
    name: "iron-deficiency",
    patient: { age: 34, sex: "female" },
    results: [
      { name: "Hemoglobin", value: 10.1, unit: "g/dL", range: { low: 12, high: 15.5 } },
      { name: "MCV", value: 74, unit: "fL", range: { low: 80, high: 100 } },
      { name: "Ferritin", value: 6, unit: "ng/mL", range: { low: 15, high: 150 } },
      { name: "Iron", value: 28, unit: "ug/dL", range: { low: 50, high: 170 } },
      { name: "Transferrin saturation", value: 7, unit: "%", range: { low: 20, high: 50 } },
      { name: "Platelets", value: 410, unit: "10*3/uL", range: { low: 150, high: 400 } },
      { name: "WBC", value: 6.2, unit: "10*3/uL", range: { low: 4, high: 11 } },
    ],
  },
  {
    // Subclinical hypothyroid pattern, low vitamin D, and a hepatocellular enzyme rise.
    name: "thyroid-liver-vitamins",
    patient: { age: 47, sex: "female", medications: ["metformin 500 mg"] },
    results: [
      { name: "TSH", value: 7.8, unit: "mIU/L", range: { low: 0.4, high: 4.5 } },
      { name: "Free T4", value: 1.1, unit: "ng/dL", range: { low: 0.8, high: 1.8 } },
      { name: "ALT", value: 212, unit: "U/L", range: { low: 7, high: 35 } },
      { name: "AST", value: 140, unit: "U/L", range: { low: 10, high: 35 } },
      { name: "Alkaline phosphatase", value: 98, unit: "U/L", range: { low: 40, high: 120 } },
      { name: "Bilirubin, total", value: 0.8, unit: "mg/dL", range: { low: 0.1, high: 1.2 } },
      { name: "Vitamin D, 25-hydroxy", value: 14, unit: "ng/mL", range: { low: 30, high: 100 } },
      { name: "Vitamin B12", value: 260, unit: "pg/mL", range: { low: 200, high: 900 } },
      { name: "hs-CRP", value: 4.2, unit: "mg/L", range: { high: 3 } },
    ],
  },
  {
    // A report in SI units (a European laboratory): HbA1c in IFCC mmol/mol, glucose, creatinine and lipids in
    // mmol/L and µmol/L, ACR in mg/mmol, counts in x10*9/L beside the differential's percentages. Both texts
    // show each value as printed, with the converted one beside it.
    name: "si-units",
    patient: { age: 58, sex: "male" },
    results: [
      { name: "HbA1c (IFCC)", value: 53, unit: "mmol/mol", range: { low: 20, high: 42 } },
      { name: "Glucose, fasting", value: 7.8, unit: "mmol/L", range: { low: 3.9, high: 5.5 } },
      { name: "Creatinine", value: 80, unit: "umol/l", range: { low: 62, high: 106 }, date: "2024-06-01" },
      { name: "Creatinine", value: 97, unit: "umol/l", range: { low: 62, high: 106 }, date: "2025-06-01" },
      { name: "Urine albumin/creatinine ratio", value: 4.2, unit: "mg/mmol", range: { high: 3 } },
      { name: "Total cholesterol", value: 6.2, unit: "mmol/L", range: { high: 5 } },
      { name: "HDL cholesterol", value: 1.1, unit: "mmol/L", range: { low: 1 } },
      { name: "Triglycerides", value: 1.9, unit: "mmol/L", range: { high: 1.7 } },
      { name: "WBC", value: 6.8, unit: "x10*9/L", range: { low: 4, high: 10 } },
      { name: "Neutrophils", value: 4.1, unit: "x10*9/L", range: { low: 2, high: 7.5 } },
      { name: "Neutrophils", value: 60, unit: "%", range: { low: 40, high: 75 } },
      { name: "Lymphocytes", value: 1.9, unit: "x10*9/L", range: { low: 1, high: 4 } },
      { name: "Lymphocytes", value: 28, unit: "%", range: { low: 20, high: 45 } },
      { name: "Hemoglobin", value: 141, unit: "g/L", range: { low: 130, high: 170 } },
    ],
  },
];
