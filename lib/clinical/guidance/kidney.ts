/** KDIGO 2024 CKD guideline (Kidney Int 2024;105(4S):S117–S314), paraphrased recommendations and practice points. */
import type { Claim } from "./types";

export const KIDNEY_GUIDANCE: Claim[] = [
  {
    id: "kdigo.confirm-persistence",
    text: "Confirm chronicity with repeat eGFR and urine ACR: CKD requires the abnormality to persist for more than 3 months.",
    keywords: "repeat confirm chronic persistence three months acute kidney injury",
    requires: ["kidney"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.measure-acr",
    text: "Measure urine albumin-to-creatinine ratio (first-morning sample preferred) to assign the albuminuria category; staging and risk need both eGFR and ACR.",
    keywords: "albuminuria ACR urine albumin staging A category missing",
    requires: ["kidney", "acr-missing"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.measure-egfr",
    text: "Estimate GFR (CKD-EPI 2021 creatinine, or creatinine with cystatin C) alongside albuminuria to stage CKD.",
    keywords: "eGFR creatinine cystatin staging G category missing",
    requires: ["kidney", "egfr-missing"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.cystatin-c",
    text: "Where creatinine-based eGFR is less reliable (extremes of muscle mass, diet, some drugs) and GFR affects decisions, use eGFRcr-cys.",
    keywords: "cystatin C eGFRcr-cys accuracy muscle mass below 60 G3",
    requires: ["kidney", "egfr-below-60"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.kfre",
    text: "In CKD G3–G5 estimate the absolute risk of kidney failure with a validated equation (e.g. KFRE) to guide referral and planning.",
    keywords: "kidney failure risk equation KFRE G3 G4 G5 prognosis below 60",
    requires: ["kidney", "egfr-below-60"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.drug-dosing",
    text: "Review medicines cleared by the kidney and adjust doses to GFR; avoid nephrotoxins where possible.",
    keywords: "drug dosing medication stewardship nephrotoxic NSAID below 60",
    requires: ["kidney", "egfr-below-60"],
    source: "kdigo2024",
  },
  {
    // One claim for both reasons to refer: a finding with eGFR < 30 and A3 carries it once.
    id: "kdigo.referral",
    text: "Refer to specialist kidney care at eGFR < 30 mL/min/1.73 m² (G4–G5) or consistent ACR ≥ 300 mg/g (A3).",
    keywords: "nephrology referral specialist below 30 G4 G5 severe albuminuria A3 300",
    requires: ["kidney", "referral"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.rasi",
    text: "With moderately or severely increased albuminuria (A2–A3), start an ACE inhibitor or ARB titrated to the maximum tolerated dose (recommended with diabetes; recommended for A3 and suggested for A2 without).",
    keywords: "ACE inhibitor ARB RAS blockade albuminuria A2 A3",
    requires: ["kidney", "albuminuria-a2"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.rasi-a3",
    text: "With severely increased albuminuria (A3), start an ACE inhibitor or ARB titrated to the maximum tolerated dose.",
    keywords: "ACE inhibitor ARB RAS blockade albuminuria A3 severe",
    requires: ["kidney", "albuminuria-a3"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.sglt2",
    text: "SGLT2 inhibitors are recommended in CKD with type 2 diabetes at eGFR ≥ 20, and in CKD without diabetes at eGFR ≥ 20 with ACR ≥ 200 mg/g or heart failure.",
    keywords: "SGLT2 inhibitor gliflozin progression cardiovascular below 60 G3",
    requires: ["kidney", "egfr-below-60", "egfr-20-or-more"],
    source: "kdigo2024",
  },
  {
    id: "kdigo.sglt2-diabetes",
    text: "In type 2 diabetes with CKD and eGFR ≥ 20 mL/min/1.73 m², treatment with an SGLT2 inhibitor is recommended (1A), continued even when the eGFR later falls below 20 if tolerated.",
    keywords: "SGLT2 inhibitor gliflozin type 2 diabetes diabetic kidney disease albuminuria",
    requires: ["kidney", "type-2-diabetes", "egfr-20-or-more"],
    source: "kdigo2024",
  },
];
