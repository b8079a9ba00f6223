/**
 * Results outside their range that no clinical rule explained: each category's out-of-range results become
 * one finding that states them against the range they were read against. Indeterminate results (a unit the
 * engine could not reconcile with any range) are said to be so, never called normal. Runs after the other
 * rules, with the analytes their findings already cover.
 */
import { CATALOGUE } from "../catalogue";
import type { Finding, Statement } from "../findings";
import { escapeMarkdown } from "../narrative/escape";
import type { Panel, PanelValue } from "../panel";
import { hasNoValue, referenceText, resultText } from "./format";

const OUT_OF_RANGE = new Set(["High", "Low", "Abnormal"]);

export function otherResults(panel: Panel, covered: ReadonlySet<string>): Finding[] {
  const remaining = panel.values.filter((v) => !covered.has(v.code));
  const findings: Finding[] = [];
  const byCategory = new Map<string, PanelValue[]>();
  for (const v of remaining.filter((v) => v.flag && OUT_OF_RANGE.has(v.flag))) {
    const category = v.category ?? "Other";
    byCategory.set(category, [...(byCategory.get(category) ?? []), v]);
  }
  for (const [category, values] of byCategory) findings.push(outOfRange(category, values));
  const indeterminate = remaining.filter((v) => v.flag === "Indeterminate");
  if (indeterminate.length) findings.push(unreadable(indeterminate));
  return findings;
}

/** How far past its nearest limit a value lies, as a fraction of that limit (0.1 = 10 % beyond). */
function excess(v: PanelValue): number {
  const r = v.reference;
  if (v.value === null || !r) return Infinity;
  if (r.high !== undefined && v.value > r.high) return r.high === 0 ? Infinity : (v.value - r.high) / Math.abs(r.high);
  if (r.low !== undefined && v.value < r.low) return r.low === 0 ? Infinity : (r.low - v.value) / Math.abs(r.low);
  return Infinity;
}

function catalogueSource(v: PanelValue): Statement["sources"] {
  if (v.reference?.source !== "catalogue") return [];
  const definition = CATALOGUE.find((d) => d.code === v.code);
  return definition ? [definition.source] : [];
}

function direction(v: PanelValue): string {
  if (v.flag === "High") return "higher than";
  if (v.flag === "Low") return "lower than";
  return "different from";
}

/** A result's names as Markdown: they are the lab's own when the catalogue does not know the analyte. */
const names = (v: PanelValue) => ({ name: escapeMarkdown(v.name), patientName: escapeMarkdown(v.patientName) });

function outOfRange(category: string, values: PanelValue[]): Finding {
  // Within 10 % of the limit is borderline: labs' own ranges differ by about that much.
  const borderline = values.every((v) => excess(v) <= 0.1);
  const group = escapeMarkdown(category);
  return {
    id: `results.${category.toLowerCase()}`,
    severity: borderline ? "borderline" : "moderate",
    title: `${group}: ${values.map((v) => `${names(v).name} ${resultText(v)} (${v.flag})`).join(", ")}`,
    patientTitle: values.length === 1 ? names(values[0]).patientName : `${group} tests`,
    analytes: values.map((v) => v.code),
    patient: values.map((v) => ({
      text: hasNoValue(v)
        ? `Your lab marked your ${names(v).patientName.toLowerCase()} result as ${v.flag === "Abnormal" ? "not usual" : `${direction(v)} the usual range`}, but sent no value for it.${v.explanation ? ` ${v.explanation}` : ""}`
        : v.flag === "Abnormal"
          ? `Your ${names(v).patientName.toLowerCase()} result is “${resultText(v)}”, which the lab marked as not usual.${v.explanation ? ` ${v.explanation}` : ""}`
          : `Your ${names(v).patientName.toLowerCase()} result is ${resultText(v)}, ${borderline ? "a little " : ""}${direction(v)} the usual range.${v.explanation ? ` ${v.explanation}` : ""}`,
      sources: catalogueSource(v),
    })),
    clinician: values.map((v) => ({
      text: v.reference
        ? `${names(v).name} ${resultText(v)} (${v.flag}; reference ${referenceText(v)}${v.reference.source === "catalogue" ? ", catalogue interval" : ""}).`
        : `${names(v).name} ${resultText(v)} (flagged ${v.flag} by the lab).`,
      sources: catalogueSource(v),
    })),
    ask: values.length === 1 ? `What could make my ${names(values[0]).patientName.toLowerCase()} ${values[0].flag === "Low" ? "low" : values[0].flag === "High" ? "high" : "out of range"}, and does it need a repeat test?` : `What could explain my ${group.toLowerCase()} results, and do they need a repeat test?`,
    guidance: { query: `${category} ${values.map((v) => v.name).join(" ")}`, tags: ["results", category.toLowerCase()] },
  };
}

/** Why a result could not be compared with a range, in the clinician's words and the patient's. */
function whyNotCompared(v: PanelValue): { clinician: string; patient: string } {
  if (v.reference?.problem) return { clinician: `the lab's printed range is not usable (${escapeMarkdown(v.reference.problem)})`, patient: "the usual range printed with it could not be read" };
  if (v.comparator && v.value !== null) return { clinician: "reported as a bound the range cannot place", patient: "it was reported as a limit rather than a number" };
  return { clinician: "the unit could not be reconciled with a reference interval", patient: "of the unit the lab used" };
}

function unreadable(values: PanelValue[]): Finding {
  const reasons = values.map(whyNotCompared);
  const patientReasons = [...new Set(reasons.map((r) => r.patient))];
  return {
    id: "results.indeterminate",
    severity: "info",
    title: `Not interpreted: ${values.map((v) => `${names(v).name} ${resultText(v)}`).join(", ")}`,
    patientTitle: "Results we could not compare",
    analytes: values.map((v) => v.code),
    patient: [
      {
        text: `We could not compare ${values.length === 1 ? "one result" : `${values.length} results`} (${values.map((v) => `${names(v).patientName} ${resultText(v)}`).join(", ")}) with a usual range, because ${patientReasons.join(", or ")}. This does not mean the result is normal.`,
        sources: [],
      },
    ],
    clinician: values.map((v, i) => ({
      text: `Flag indeterminate for ${names(v).name} ${resultText(v)}: ${reasons[i].clinician}; not interpreted.`,
      sources: [],
    })),
    ask: "Can you look at the results that could not be compared and tell me what they mean?",
    guidance: { query: "unit indeterminate", tags: ["results", "indeterminate"] },
  };
}
