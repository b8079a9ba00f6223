/**
 * FIB-4 (age × AST ÷ (platelets × √ALT), Sterling 2006; calculated in derived.ts) read as the AASLD 2023
 * Practice Guidance on NAFLD reads it (Rinella et al.): below 1.3 a low risk of advanced fibrosis; 1.3–2.67
 * indeterminate, for a second test (vibration-controlled transient elastography or the ELF blood test);
 * above 2.67 a high risk, for hepatology. From age 65 the low-risk cut-off is 2.0 (McPherson 2017), since
 * FIB-4 rises with age; below 35 it is unreliable. A low score is said only where someone would look at it
 * (liver disease or diabetes recorded, or a raised ALT or AST): FIB-4 is a triage test for people at risk,
 * not a finding in every blood count with a liver panel.
 */
import type { Statement } from "../findings";
import { uncataloguedCode } from "../panel";
import { hasCondition, knownDiabetes } from "../patient";
import { fmt } from "./format";
import { place } from "./place";
import type { Rule } from "./types";

export const FIB4_LOW = 1.3;
/** McPherson 2017: from age 65, a low-risk cut-off of 2.0 restores specificity. */
export const FIB4_LOW_AGE_65 = 2.0;
export const FIB4_HIGH = 2.67;
const RELIABLE_FROM_AGE = 35;

export type Fib4Band = "low" | "indeterminate" | "high";

/** The AASLD band for a FIB-4 value at this age. */
export function fib4Band(value: number, age: number): { band: Fib4Band; lowCut: number } {
  const lowCut = age >= 65 ? FIB4_LOW_AGE_65 : FIB4_LOW;
  return { band: value > FIB4_HIGH ? "high" : value >= lowCut ? "indeterminate" : "low", lowCut };
}

const CLINICIAN: Record<Fib4Band, string> = {
  low: "low risk of advanced fibrosis; AASLD 2023: no further fibrosis testing now, repeat FIB-4 in 1–2 years with type 2 diabetes, prediabetes or ≥ 2 metabolic risk factors.",
  indeterminate: "indeterminate; AASLD 2023: secondary risk assessment with vibration-controlled transient elastography (liver stiffness) or the ELF test.",
  high: "high risk of advanced fibrosis; AASLD 2023: refer to hepatology (after confirming with elastography or ELF where available).",
};

const PATIENT: Record<Fib4Band, string> = {
  low: "Your score is low. That means serious scarring of the liver is unlikely.",
  indeterminate: "Your score is in the middle range, where this score alone cannot tell. Doctors often use a scan of the liver or another blood test to learn more.",
  high: "Your score is high. That means scarring of the liver is more likely. Doctors usually suggest a liver specialist and more tests.",
};

export const fibrosisRule: Rule = (panel, patient) => {
  const fib4 = panel.get(uncataloguedCode("derived", "fib-4"));
  if (fib4?.value == null || patient.age === undefined) return [];
  const { band, lowCut } = fib4Band(fib4.value, patient.age);
  const atRisk = hasCondition(patient, "liverDisease") || knownDiabetes(patient) || place(panel.get("alt")) === "high" || place(panel.get("ast")) === "high";
  if (band === "low" && !atRisk) return [];

  const young = patient.age < RELIABLE_FROM_AGE;
  const clinician: Statement[] = [
    {
      text: `FIB-4 ${fmt(fib4.value, 2)} (age ${fmt(patient.age, 0)}; cut-offs < ${fmt(lowCut)} low, > ${FIB4_HIGH} high): ${CLINICIAN[band]}`,
      sources: ["aasldMasld2023", "fib4Sterling2006"],
    },
  ];
  if (patient.age >= 65) {
    clinician.push({ text: `Age ≥ 65: low-risk cut-off ${FIB4_LOW_AGE_65} instead of ${FIB4_LOW}, as FIB-4 rises with age and loses specificity.`, sources: ["mcphersonFib4Age2017"] });
  }
  if (young) {
    clinician.push({ text: `Age < ${RELIABLE_FROM_AGE}: FIB-4 performs poorly for advanced fibrosis; interpret with caution.`, sources: ["mcphersonFib4Age2017"] });
  }
  const tags = ["liver-fibrosis", `fib4-${band}`];
  return [
    {
      id: "liver.fib4",
      severity: band === "high" ? "high" : band === "indeterminate" ? "moderate" : "info",
      title: `FIB-4 ${fmt(fib4.value, 2)}: ${band === "low" ? "low risk of advanced fibrosis" : band === "indeterminate" ? "indeterminate" : "high risk of advanced fibrosis"} (AASLD 2023)`,
      patientTitle: "A score for liver scarring",
      analytes: [fib4.code],
      patient: [
        {
          text: `We worked out a score called FIB-4 from your age, two liver enzymes (AST and ALT) and your platelet count. It is ${fmt(fib4.value, 2)}. It estimates the chance of scarring in the liver. ${PATIENT[band]}`,
          sources: ["aasldMasld2023"],
        },
      ],
      clinician,
      ask: band === "low" ? "When should my liver score be checked again?" : "Should I have a liver scan or see a liver specialist?",
      guidance: { query: `FIB-4 fibrosis ${band} elastography`, tags },
    },
  ];
};
