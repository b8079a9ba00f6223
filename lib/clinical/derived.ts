/**
 * Values calculated from measured ones (DESIGN §7), each marked as calculated and carrying its formula's
 * source. Pure; inputs in conventional US units (mg/dL, g/dL, mmol/L, U/L, 10^9/L).
 */
import type { SourceId } from "./sources";

export type Sex = "female" | "male";

export interface DerivedValue {
  name: string;
  value: number;
  unit: string;
  /** How it was calculated, for the clinician text. */
  formula: string;
  source: SourceId | null;
}

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * eGFR by the race-free CKD-EPI 2021 creatinine equation (Inker et al., NEJM 2021):
 * 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female],
 * κ = 0.7 (F) / 0.9 (M), α = −0.241 (F) / −0.302 (M). Adults only; creatinine in mg/dL (IDMS-traceable).
 */
export function egfrCkdEpi2021(creatinineMgDl: number, age: number, sex: Sex): DerivedValue | null {
  if (!(creatinineMgDl > 0) || !(age >= 18)) return null;
  const female = sex === "female";
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = creatinineMgDl / kappa;
  const egfr = 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** age * (female ? 1.012 : 1);
  return {
    name: "eGFR (CKD-EPI 2021)",
    value: round(egfr),
    unit: "mL/min/1.73m2",
    formula: `CKD-EPI 2021 from creatinine ${Math.round(creatinineMgDl * 100) / 100} mg/dL, age ${age}, ${sex}`,
    source: "ckdEpi2021",
  };
}

export function nonHdlCholesterol(totalMgDl: number, hdlMgDl: number): DerivedValue {
  return { name: "Non-HDL cholesterol", value: round(totalMgDl - hdlMgDl), unit: "mg/dL", formula: "total cholesterol − HDL", source: null };
}

/**
 * LDL by the Sampson (NIH) equation, valid up to triglycerides of 800 mg/dL (Sampson et al., JAMA Cardiol 2020):
 * TC/0.948 − HDL/0.971 − (TG/8.56 + TG × non-HDL/2140 − TG²/16100) − 9.44.
 */
export function ldlSampson(totalMgDl: number, hdlMgDl: number, triglyceridesMgDl: number): DerivedValue | null {
  if (triglyceridesMgDl > 800 || triglyceridesMgDl <= 0) return null;
  const nonHdl = totalMgDl - hdlMgDl;
  const tg = triglyceridesMgDl;
  const ldl = totalMgDl / 0.948 - hdlMgDl / 0.971 - (tg / 8.56 + (tg * nonHdl) / 2140 - tg ** 2 / 16100) - 9.44;
  return { name: "LDL cholesterol (Sampson)", value: round(ldl), unit: "mg/dL", formula: "Sampson/NIH equation from total, HDL and triglycerides", source: "sampsonLdl2020" };
}

/** Anion gap without potassium: Na − (Cl + HCO3) (Kraut & Madias, CJASN 2007). */
export function anionGap(sodium: number, chloride: number, bicarbonate: number): DerivedValue {
  return { name: "Anion gap", value: round(sodium - (chloride + bicarbonate)), unit: "mmol/L", formula: "Na − (Cl + HCO3)", source: "krautAnionGap2007" };
}

/** Albumin-adjusted calcium as Payne derived it: calcium − albumin + 4.0 (mg/dL, g/dL; Br Med J 1973). */
export function adjustedCalcium(calciumMgDl: number, albuminGDl: number): DerivedValue {
  return {
    name: "Calcium adjusted for albumin",
    value: round(calciumMgDl - albuminGDl + 4.0, 1),
    unit: "mg/dL",
    formula: "calcium − albumin + 4.0 (Payne)",
    source: "payneCalcium1973",
  };
}

export function bunCreatinineRatio(bunMgDl: number, creatinineMgDl: number): DerivedValue | null {
  if (!(creatinineMgDl > 0)) return null;
  return { name: "BUN/creatinine ratio", value: round(bunMgDl / creatinineMgDl), unit: "ratio", formula: "BUN ÷ creatinine", source: null };
}

export function albuminGlobulinRatio(albuminGDl: number, totalProteinGDl: number): DerivedValue | null {
  const globulin = totalProteinGDl - albuminGDl;
  if (!(globulin > 0)) return null;
  return { name: "A/G ratio", value: round(albuminGDl / globulin, 2), unit: "ratio", formula: "albumin ÷ (total protein − albumin)", source: null };
}

/** FIB-4 = age × AST / (platelets [10^9/L] × √ALT) (Sterling et al., Hepatology 2006). */
export function fib4(age: number, ast: number, alt: number, platelets10e9PerL: number): DerivedValue | null {
  if (!(age > 0 && ast > 0 && alt > 0 && platelets10e9PerL > 0)) return null;
  return {
    name: "FIB-4",
    value: round((age * ast) / (platelets10e9PerL * Math.sqrt(alt)), 2),
    unit: "index",
    formula: "age × AST ÷ (platelets × √ALT)",
    source: "fib4Sterling2006",
  };
}
