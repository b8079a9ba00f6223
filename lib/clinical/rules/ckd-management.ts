/**
 * What KDIGO asks clinicians to do once eGFR is below 60 or albuminuria is present (KDIGO 2024 CKD guideline,
 * chapters 3 and 4; KDIGO 2021 blood pressure in CKD; KDIGO 2013 lipids in CKD), one point per decision, each
 * with its source. Points that depend on the patient appear only when the context says so: potassium and
 * creatinine monitoring only for someone taking an ACE inhibitor or ARB, the blood-pressure target only with
 * hypertension recorded, the statin only at a known age of 50 or more. Not for people on dialysis or with a
 * kidney transplant, whom these guidelines leave out. The kidney rule states the category; this rule states
 * what follows from it.
 */
import type { Finding, Statement } from "../findings";
import { hasCondition, knownDiabetes, takes, type PatientFacts } from "../patient";
import { albuminuriaCategory } from "../kdigo";
import { fmt } from "./format";
import { diabetesRangeResults } from "./glycemia";
import type { Rule } from "./types";

/** KDIGO 2024 Rec 3.7.1–3.7.3: SGLT2 inhibitors from eGFR 20; ACR ≥ 200 mg/g makes them a 1A recommendation. */
export const SGLT2_MIN_EGFR = 20;
export const SGLT2_ACR = 200;
/** Rec 3.7.3: suggested (2B) at eGFR 20–45 with ACR < 200 mg/g. */
export const SGLT2_SUGGESTED_MAX_EGFR = 45;
/** KDIGO 2013 lipids Rec 2.1.1: statin at age ≥ 50 with eGFR < 60 (not on dialysis, no transplant). */
export const STATIN_AGE = 50;
/** KDIGO 2021 blood pressure Rec 3.1.1: systolic target when tolerated, by standardised office measurement. */
export const SBP_TARGET = 120;

type Point = "drug-dosing" | "ras-monitoring" | "bp-target" | "statin" | "sglt2";

interface Facts {
  egfr?: number;
  acr?: number;
  patient: PatientFacts;
}

/** Which points apply, decided from the numbers and the context only. */
export function ckdManagementPoints({ egfr, acr, patient }: Facts): Point[] {
  const reduced = egfr !== undefined && egfr < 60;
  const albuminuric = acr !== undefined && albuminuriaCategory(acr).category !== "A1";
  if (!reduced && !albuminuric) return [];
  if (hasCondition(patient, "dialysis") || hasCondition(patient, "kidneyTransplant")) return [];
  const points: Point[] = [];
  if (reduced) points.push("drug-dosing");
  if (takes(patient, "aceiOrArb")) points.push("ras-monitoring");
  if (hasCondition(patient, "hypertension")) points.push("bp-target");
  // KDIGO 2013 Rec 2.1.1 (eGFR < 60) and 2.1.2 (eGFR ≥ 60 with CKD, here albuminuria), both at age ≥ 50.
  if (patient.age !== undefined && patient.age >= STATIN_AGE) points.push("statin");
  if (egfr === undefined || egfr >= SGLT2_MIN_EGFR) points.push("sglt2");
  return points;
}

function sglt2(egfr: number | undefined, acr: number | undefined, patient: PatientFacts, diabetesRange: string[]): Statement {
  const sources: Statement["sources"] = ["kdigo2024"];
  if (takes(patient, "sglt2Inhibitor")) {
    return { text: "SGLT2 inhibitor in the medication list: KDIGO 2024 advises continuing it (an initial small eGFR dip is expected) until dialysis or transplant.", sources };
  }
  const gfr = egfr !== undefined ? `eGFR ${fmt(egfr, 0)}` : "eGFR not in this panel";
  if (hasCondition(patient, "type2Diabetes")) {
    return { text: `SGLT2 inhibitor: type 2 diabetes with CKD and ${gfr}: recommended at eGFR ≥ ${SGLT2_MIN_EGFR} (KDIGO 2024 Rec 3.7.1, 1A).`, sources };
  }
  if (diabetesRange.length && !knownDiabetes(patient)) {
    // The panel's own glycaemia is evidence the "neither recorded" wording below would ignore.
    const results = diabetesRange.join(" and ");
    return {
      text: `SGLT2 inhibitor: ${results} in this panel ${diabetesRange.length > 1 ? "are" : "is"} in the ADA diabetes range; if type 2 diabetes is confirmed, an SGLT2 inhibitor is recommended with CKD at eGFR ≥ ${SGLT2_MIN_EGFR} (KDIGO 2024 Rec 3.7.1, 1A).`,
      sources: ["kdigo2024", "adaDiagnosis2025"],
    };
  }
  if (hasCondition(patient, "heartFailure")) {
    return { text: `SGLT2 inhibitor: CKD with heart failure and ${gfr}: recommended at eGFR ≥ ${SGLT2_MIN_EGFR} irrespective of albuminuria (KDIGO 2024 Rec 3.7.2, 1A).`, sources };
  }
  if (acr === undefined) {
    const suggested = egfr !== undefined && egfr <= SGLT2_SUGGESTED_MAX_EGFR;
    return {
      text: `SGLT2 inhibitor once albuminuria is known: no urine ACR in this panel. KDIGO 2024 recommends an SGLT2 inhibitor at eGFR ≥ ${SGLT2_MIN_EGFR} with ACR ≥ ${SGLT2_ACR} mg/g (Rec 3.7.2, 1A)${
        suggested ? ` and suggests one at eGFR ${SGLT2_MIN_EGFR}–${SGLT2_SUGGESTED_MAX_EGFR} with ACR < ${SGLT2_ACR} mg/g (Rec 3.7.3, 2B)` : ""
      }; measure urine ACR.`,
      sources,
    };
  }
  if (acr >= SGLT2_ACR) {
    return { text: `SGLT2 inhibitor: ${gfr} with urine ACR ${fmt(acr, 0)} mg/g (≥ ${SGLT2_ACR}): recommended${egfr === undefined ? ` at eGFR ≥ ${SGLT2_MIN_EGFR}` : ""} (KDIGO 2024 Rec 3.7.2, 1A).`, sources };
  }
  if (egfr !== undefined && egfr <= SGLT2_SUGGESTED_MAX_EGFR) {
    return { text: `SGLT2 inhibitor: ${gfr} with urine ACR ${fmt(acr, 0)} mg/g (< ${SGLT2_ACR}): suggested at eGFR ${SGLT2_MIN_EGFR}–${SGLT2_SUGGESTED_MAX_EGFR} (KDIGO 2024 Rec 3.7.3, 2B).`, sources };
  }
  return {
    text: `SGLT2 inhibitor: ${gfr} with urine ACR ${fmt(acr, 0)} mg/g: below the ACR ≥ ${SGLT2_ACR} mg/g and outside the eGFR ${SGLT2_MIN_EGFR}–${SGLT2_SUGGESTED_MAX_EGFR} of KDIGO 2024 Rec 3.7.2–3.7.3; indicated with type 2 diabetes or heart failure (Rec 3.7.1–3.7.2), neither recorded.`,
    sources,
  };
}

function clinicianPoint(point: Point, egfr: number | undefined, acr: number | undefined, patient: PatientFacts, diabetesRange: string[]): Statement {
  const gfr = egfr !== undefined ? `eGFR ${fmt(egfr, 0)}` : "albuminuria";
  switch (point) {
    case "drug-dosing":
      return {
        text: `Drug dosing at ${gfr}: review medicines cleared by the kidney and adjust doses to this GFR; avoid nephrotoxins where possible, among them NSAIDs, especially prolonged or with a RAS inhibitor or diuretic (KDIGO 2024 ch. 4, medication management and drug stewardship).`,
        sources: ["kdigo2024"],
      };
    case "ras-monitoring":
      return {
        text: `ACE inhibitor/ARB in the medication list with ${gfr}: check blood pressure, creatinine and potassium within 2–4 weeks of starting or raising the dose; continue unless creatinine rises > 30% within 4 weeks; manage hyperkalaemia with potassium-lowering measures before reducing or stopping RAS blockade (KDIGO 2024, section 3.6).`,
        sources: ["kdigo2024"],
      };
    case "bp-target":
      return {
        text: `Hypertension recorded: target systolic BP < ${SBP_TARGET} mmHg when tolerated, by standardised office measurement (KDIGO 2021 blood pressure in CKD, Rec 3.1.1, 2B), not applied to non-standardised readings; the evidence is strongest at age 50–80 and weaker with G4–G5, A3, diabetes or a very low diastolic pressure.`,
        sources: ["kdigoBloodPressure2021"],
      };
    case "statin": {
      const on = takes(patient, "statin");
      const age = `age ${fmt(patient.age!, 0)} (≥ ${STATIN_AGE})`;
      const rec =
        egfr === undefined
          ? `${age} with albuminuria, eGFR not in this panel: statin recommended at eGFR ≥ 60 (KDIGO 2013 lipids Rec 2.1.2, 1B) and statin or statin/ezetimibe below 60 when not on dialysis (Rec 2.1.1, 1A)`
          : egfr < 60
            ? `${age} with eGFR < 60, not on dialysis: statin or statin/ezetimibe recommended (KDIGO 2013 lipids Rec 2.1.1, 1A)`
            : `${age} with CKD and eGFR ≥ 60: statin recommended (KDIGO 2013 lipids Rec 2.1.2, 1B)`;
      return { text: `Statin: ${rec}${on ? "; a statin is already in the medication list." : "; none in the medication list."}`, sources: ["kdigoLipids2013"] };
    }
    case "sglt2":
      return sglt2(egfr, acr, patient, diabetesRange);
  }
}

const PATIENT_TEXT: Record<Point, string> = {
  "drug-dosing": "When kidneys filter less, some medicines build up. Your doctor may check the doses of your medicines. Ask before taking pain pills like ibuprofen or naproxen.",
  "ras-monitoring": "Your blood pressure medicine protects the kidneys. Doctors check potassium and kidney tests a few weeks after the dose changes.",
  "bp-target": "Kidney experts suggest keeping the top blood pressure number under 120, if you feel well with it.",
  statin: "Kidney experts advise a cholesterol medicine (a statin) for most people aged 50 or older with signs of kidney disease.",
  sglt2: "A type of medicine called an SGLT2 inhibitor can slow kidney disease. A urine test for protein helps show if it is right for you.",
};

function patientPoint(point: Point, acr: number | undefined, patient: PatientFacts): Statement {
  let text = PATIENT_TEXT[point];
  if (point === "statin" && takes(patient, "statin")) text = `${text} You already take one.`;
  else if (point === "sglt2" && takes(patient, "sglt2Inhibitor")) text = "Your SGLT2 inhibitor medicine helps protect your kidneys. Doctors usually keep it going.";
  else if (point === "sglt2" && acr !== undefined) text = "A type of medicine called an SGLT2 inhibitor can slow kidney disease. Your doctor can tell you if it is right for you.";
  return { text, sources: PATIENT_SOURCES[point] };
}

const PATIENT_SOURCES: Record<Point, Statement["sources"]> = {
  "drug-dosing": ["kdigo2024"],
  "ras-monitoring": ["kdigo2024"],
  "bp-target": ["kdigoBloodPressure2021"],
  statin: ["kdigoLipids2013"],
  sglt2: ["kdigo2024"],
};

export const ckdManagementRule: Rule = (panel, patient) => {
  const egfr = panel.value("egfr");
  const acr = panel.value("urine-albumin-creatinine-ratio");
  const points = ckdManagementPoints({ egfr, acr, patient });
  if (!points.length) return [];
  const diabetesRange = diabetesRangeResults(panel);
  const finding: Finding = {
    id: "kidney.ckd-management",
    severity: "moderate",
    title: `CKD care at ${egfr !== undefined ? `eGFR ${fmt(egfr, 0)}` : `urine ACR ${fmt(acr!, 0)} mg/g`}: what KDIGO advises`,
    patientTitle: "Caring for your kidneys",
    analytes: [...(egfr !== undefined ? ["egfr"] : []), ...(acr !== undefined ? ["urine-albumin-creatinine-ratio"] : [])],
    patient: points.map((p) => patientPoint(p, acr, patient)),
    clinician: points.map((p) => clinicianPoint(p, egfr, acr, patient, diabetesRange)),
    ask: "Which of these kidney care steps are right for me, and are any of my medicines' doses affected?",
    guidance: { query: "CKD management", tags: ["kidney-management", ...points] },
  };
  return [finding];
};
