/**
 * Which derived values a lab's measured analytes allow (DESIGN §7), each computed only when all its inputs
 * were measured and not already reported by the lab. Pure: takes catalogue codes with canonical values.
 */
import {
  adjustedCalcium,
  albuminGlobulinRatio,
  anionGap,
  bunCreatinineRatio,
  egfrCkdEpi2021,
  fib4,
  ldlSampson,
  nonHdlCholesterol,
  type DerivedValue,
} from "./derived";
import { CATALOGUE } from "./catalogue";
import { normalizeAnalyte, type PatientFacts } from "./normalize";
import { uncataloguedCode, type Panel, type PanelValue } from "./panel";

/** A derived value, with the catalogue code it fills when the catalogue knows it (for flagging). */
export interface PanelDerivedValue extends DerivedValue {
  code: string | null;
}

export function derivePanel(measured: Map<string, number>, patient: PatientFacts): PanelDerivedValue[] {
  const has = (...codes: string[]) => codes.every((c) => measured.has(c));
  const v = (code: string) => measured.get(code)!;
  const out: PanelDerivedValue[] = [];
  const add = (code: string | null, value: DerivedValue | null) => {
    if (value && Number.isFinite(value.value) && !(code && measured.has(code))) out.push({ ...value, code });
  };

  if (has("creatinine") && patient.age !== undefined && patient.sex) add("egfr", egfrCkdEpi2021(v("creatinine"), patient.age, patient.sex));
  if (has("total-cholesterol", "hdl-cholesterol")) add("non-hdl-cholesterol", nonHdlCholesterol(v("total-cholesterol"), v("hdl-cholesterol")));
  if (has("total-cholesterol", "hdl-cholesterol", "triglycerides")) {
    add("ldl-cholesterol", ldlSampson(v("total-cholesterol"), v("hdl-cholesterol"), v("triglycerides")));
  }
  if (has("sodium", "chloride", "carbon-dioxide")) add("anion-gap", anionGap(v("sodium"), v("chloride"), v("carbon-dioxide")));
  if (has("calcium", "albumin") && v("albumin") < 4) add(null, adjustedCalcium(v("calcium"), v("albumin")));
  if (has("bun", "creatinine")) add(null, bunCreatinineRatio(v("bun"), v("creatinine")));
  if (has("albumin", "total-protein")) add(null, albuminGlobulinRatio(v("albumin"), v("total-protein")));
  if (has("ast", "alt", "platelets") && patient.age !== undefined) add(null, fib4(patient.age, v("ast"), v("alt"), v("platelets")));
  return out;
}

/**
 * The derived values a panel allows, as panel values flagged like measured ones and marked `derived`, with
 * their formula and its source. Derived values the catalogue does not know are of kind `derived` (keyed
 * `derived:<slug>`) and carry no flag.
 */
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export function derivedValues(panel: Panel, patient: PatientFacts): PanelValue[] {
  const latest = new Map(panel.values.filter((v) => v.value !== null && !v.derived).map((v) => [v.code, v.value!]));
  const observed = panel.values.map((v) => v.observedAt?.getTime()).filter((t): t is number => t !== undefined);
  const observedAt = observed.length ? new Date(Math.max(...observed)) : null;
  // What the lab reported wins over our calculation, even when it reported text ("<10") rather than a number.
  const reported = (code: string | null) => code !== null && panel.get(code) !== undefined && !panel.get(code)!.derived;
  return derivePanel(latest, patient).filter((d) => !reported(d.code)).map((d) => {
    const definition = d.code ? CATALOGUE.find((c) => c.code === d.code) : undefined;
    const n = normalizeAnalyte({ name: d.name, loinc: definition?.loinc[0], valueNumber: d.value, unit: d.unit }, patient);
    return {
      code: definition?.code ?? uncataloguedCode("derived", slug(d.name)),
      kind: definition ? "catalogue" : "derived",
      name: d.name,
      patientName: definition?.patientName ?? d.name,
      explanation: definition?.explanation,
      category: definition?.category ?? null,
      value: n.normalizedValue ?? d.value,
      comparator: null,
      text: null,
      unit: definition?.unit ?? d.unit,
      flag: definition ? n.flag : null,
      reference: n.reference ? { low: n.reference.low, high: n.reference.high, source: n.reference.source } : null,
      observedAt,
      derived: true,
      formula: d.formula,
      formulaSource: d.source ?? undefined,
    };
  });
}
