/**
 * KDIGO CKD categories (KDIGO 2024 guideline, Figure "CKD is classified based on cause, GFR category and
 * albuminuria category"): GFR categories G1–G5 from eGFR in mL/min/1.73 m², albuminuria categories A1–A3
 * from the urine albumin-to-creatinine ratio in mg/g. Pure. A category is a description of one measurement:
 * CKD itself needs the abnormality to persist for more than 3 months, which one lab cannot show.
 */
export type GfrCategory = "G1" | "G2" | "G3a" | "G3b" | "G4" | "G5";
export type AlbuminuriaCategory = "A1" | "A2" | "A3";

export const GFR_CATEGORIES: readonly { category: GfrCategory; min: number; label: string }[] = [
  { category: "G1", min: 90, label: "normal or high" },
  { category: "G2", min: 60, label: "mildly decreased" },
  { category: "G3a", min: 45, label: "mildly to moderately decreased" },
  { category: "G3b", min: 30, label: "moderately to severely decreased" },
  { category: "G4", min: 15, label: "severely decreased" },
  { category: "G5", min: -Infinity, label: "kidney failure" },
];

export function gfrCategory(egfr: number): { category: GfrCategory; label: string } {
  const match = GFR_CATEGORIES.find((c) => egfr >= c.min)!;
  return { category: match.category, label: match.label };
}

/** KDIGO: A1 < 30 mg/g, A2 30–300 mg/g, A3 > 300 mg/g (300 itself is A2). */
export const ALBUMINURIA_CATEGORIES: readonly { category: AlbuminuriaCategory; applies: (acr: number) => boolean; label: string }[] = [
  { category: "A3", applies: (acr) => acr > 300, label: "severely increased" },
  { category: "A2", applies: (acr) => acr >= 30, label: "moderately increased" },
  { category: "A1", applies: () => true, label: "normal to mildly increased" },
];

/** From the urine albumin-to-creatinine ratio in mg/g (3 mg/mmol ≈ 30 mg/g, 30 mg/mmol ≈ 300 mg/g). */
export function albuminuriaCategory(acrMgPerG: number): { category: AlbuminuriaCategory; label: string } {
  const match = ALBUMINURIA_CATEGORIES.find((c) => c.applies(acrMgPerG))!;
  return { category: match.category, label: match.label };
}
