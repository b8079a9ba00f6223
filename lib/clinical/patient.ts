/**
 * The facts the engine uses from a free-form patient context (seed 003: `age` and `gender` are strings).
 * Pure; anything it cannot read is left out rather than guessed.
 */
import type { PatientFacts } from "./normalize";

export function patientFacts(context: unknown): PatientFacts {
  if (!context || typeof context !== "object") return {};
  const { age, gender, sex } = context as { age?: unknown; gender?: unknown; sex?: unknown };
  const facts: PatientFacts = {};
  const years = typeof age === "number" ? age : typeof age === "string" ? Number.parseFloat(age) : NaN;
  if (Number.isFinite(years) && years >= 0 && years < 130) facts.age = years;
  const said = String(gender ?? sex ?? "").trim().toLowerCase();
  if (["f", "female", "woman", "w"].includes(said)) facts.sex = "female";
  if (["m", "male", "man"].includes(said)) facts.sex = "male";
  return facts;
}
