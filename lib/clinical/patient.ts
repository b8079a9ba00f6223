/**
 * The facts the engine uses from a free-form patient context (seed 003: `age` and `gender` are strings,
 * `conditions` and `medications` free-text arrays). Pure; anything it cannot read is left out rather than
 * guessed.
 */
import type { Sex } from "./derived";

export interface PatientFacts {
  sex?: Sex;
  age?: number;
  /** Conditions and medications as sent, lowercased; read through `hasCondition` and `takes`. */
  conditions?: string[];
  medications?: string[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").map((v) => v.trim().toLowerCase()).filter(Boolean) : [];

export function patientFacts(context: unknown): PatientFacts {
  if (!context || typeof context !== "object") return {};
  const { age, gender, sex, conditions, medications } = context as Record<string, unknown>;
  const facts: PatientFacts = {};
  const years = typeof age === "number" ? age : typeof age === "string" ? Number.parseFloat(age) : NaN;
  if (Number.isFinite(years) && years >= 0 && years < 130) facts.age = years;
  const said = String(gender ?? sex ?? "").trim().toLowerCase();
  if (["f", "female", "woman", "w"].includes(said)) facts.sex = "female";
  if (["m", "male", "man"].includes(said)) facts.sex = "male";
  if (strings(conditions).length) facts.conditions = strings(conditions);
  if (strings(medications).length) facts.medications = strings(medications);
  return facts;
}

/**
 * Conditions the rules adapt to, as the words and abbreviations clinicians write them. Matching is by whole
 * word, so "prediabetes" is not "diabetes" and "ckd" is not found inside another word.
 */
const CONDITIONS = {
  diabetes: /\b(?:(?:type\s*[12]|t[12]|insulin[- ]dependent|non[- ]insulin[- ]dependent)?\s*diabetes(?:\s+mellitus)?|t[12]dm|dm\s*(?:type\s*)?[12]?|iddm|niddm)\b/,
  type2Diabetes: /\b(?:type\s*(?:2|ii)\s*diabetes(?:\s+mellitus)?|t2dm?|dm\s*(?:type\s*)?(?:2|ii)|niddm|non[- ]insulin[- ]dependent diabetes)\b/,
  prediabetes: /\b(?:pre-?diabetes|impaired fasting glucose|impaired glucose tolerance)\b/,
  ckd: /\b(?:ckd|chronic kidney disease|chronic renal (?:disease|failure|insufficiency)|diabetic nephropathy|esrd|end[- ]stage (?:renal|kidney) disease)\b/,
  hypothyroidism: /\b(?:hypothyroid(?:ism)?|hashimoto'?s?)\b/,
  hyperthyroidism: /\b(?:hyperthyroid(?:ism)?|graves'?s?(?: disease)?|thyrotoxicosis)\b/,
  pregnancy: /\b(?:pregnan(?:t|cy)|gravid)\b/,
  heartFailure: /\b(?:heart failure|hfref|hfpef|chf|congestive cardiac failure)\b/,
  liverDisease: /\b(?:cirrhosis|hepatitis|nafld|masld|nash|mash|fatty liver|chronic liver disease)\b/,
  ascvd: /\b(?:ascvd|coronary artery disease|cad|myocardial infarction|heart attack|stroke|peripheral artery disease|pad|angina)\b/,
  hypertension: /\b(?:hypertension|hypertensive|high blood pressure|htn)\b/,
  /** Kidney replacement therapy: KDIGO's CKD guidelines are not for people on dialysis or with a transplant. */
  dialysis: /\b(?:dialysis|haemodialysis|hemodialysis|esrd|end[- ]stage (?:renal|kidney) disease|kidney failure on kidney replacement therapy)\b/,
  kidneyTransplant: /\b(?:kidney|renal) transplant(?:ation|ed)?\b/,
} as const;

export type Condition = keyof typeof CONDITIONS;

export function hasCondition(patient: PatientFacts, condition: Condition): boolean {
  const pattern = CONDITIONS[condition];
  // "prediabetes" must not count as diabetes, nor "diabetes insipidus" (a water-balance disorder).
  const entries = condition === "diabetes" ? patient.conditions?.filter((c) => !CONDITIONS.prediabetes.test(c.toLowerCase()) && !/\binsipidus\b/i.test(c)) : patient.conditions;
  return Boolean(entries?.some((c) => pattern.test(c.toLowerCase())));
}

/** Medicines by class, as generic and common brand names. */
const MEDICATIONS = {
  metformin: /\b(?:metformin|glucophage|glumetza|fortamet|riomet|janumet|synjardy|xigduo|jentadueto|kazano|invokamet|segluromet)\b/,
  statin: /\b(?:atorvastatin|rosuvastatin|simvastatin|pravastatin|lovastatin|fluvastatin|pitavastatin|lipitor|crestor|zocor)\b/,
  levothyroxine: /\b(?:levothyroxine|synthroid|levoxyl|euthyrox|tirosint|unithroid|liothyronine|armour thyroid)\b/,
  protonPumpInhibitor: /\b(?:omeprazole|esomeprazole|lansoprazole|pantoprazole|rabeprazole|dexlansoprazole|prilosec|nexium|protonix)\b/,
  insulin: /\b(?:insulin|glargine|detemir|degludec|lispro|aspart|glulisine|humulin|novolin)\b/,
  raasBlocker: /\b(?:\w+pril|\w+sartan|spironolactone|eplerenone|finerenone|zestril|prinivil|vasotec|altace|cozaar|diovan|benicar|avapro|micardis|atacand)\b/,
  /** ACE inhibitors and angiotensin receptor blockers (the RAS blockade KDIGO's monitoring advice is about). */
  aceiOrArb: /\b(?:\w+pril|\w+sartan|zestril|prinivil|vasotec|altace|cozaar|diovan|benicar|avapro|micardis|atacand)\b/,
  /**
   * Glucose-lowering medicines used only for diabetes: insulin, sulfonylureas, meglitinides, DPP-4 inhibitors,
   * pioglitazone. Metformin, GLP-1 receptor agonists and SGLT2 inhibitors are also prescribed without diabetes
   * (prediabetes, obesity, heart failure, CKD), so they do not count as evidence of it.
   */
  diabetesOnly: /\b(?:insulin|humulin|novolin|glargine|detemir|degludec|lispro|aspart|glulisine|lantus|levemir|tresiba|humalog|novolog|glipizide|glyburide|glibenclamide|glimepiride|gliclazide|repaglinide|nateglinide|sitagliptin|saxagliptin|linagliptin|alogliptin|vildagliptin|januvia|tradjenta|pioglitazone|actos)\b/,
  diuretic: /\b(?:furosemide|bumetanide|torsemide|hydrochlorothiazide|hctz|chlorthalidone|indapamide|metolazone)\b/,
  sglt2Inhibitor: /\b(?:empagliflozin|dapagliflozin|canagliflozin|ertugliflozin|sotagliflozin|jardiance|farxiga|invokana)\b/,
  biotin: /\b(?:biotin|vitamin b7)\b/,
} as const;

export type MedicationClass = keyof typeof MEDICATIONS;

export function takes(patient: PatientFacts, medication: MedicationClass): boolean {
  return Boolean(patient.medications?.some((m) => MEDICATIONS[medication].test(m.toLowerCase())));
}

/**
 * Diabetes the patient is known to have: recorded as a condition, or treated with a medicine used only for
 * diabetes (an insulin-treated patient whose condition list is empty still has diabetes). ADA Standards of
 * Care: with known diabetes, glycaemia is read against the treatment goal, never the diagnostic criteria.
 */
export function knownDiabetes(patient: PatientFacts): boolean {
  return hasCondition(patient, "diabetes") || takes(patient, "diabetesOnly");
}
