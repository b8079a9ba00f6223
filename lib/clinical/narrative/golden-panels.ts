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
];
