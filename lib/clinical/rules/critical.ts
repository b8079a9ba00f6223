/**
 * Critical values: any result the lab flagged critical or that lies past the catalogue's critical limit
 * (Kost's survey of US critical limits, JAMA 1990). Each is its own finding and comes first in both texts:
 * these are the results laboratories telephone to a clinician at once.
 */
import type { Finding } from "../findings";
import { escapeMarkdown } from "../narrative/escape";
import type { PanelValue } from "../panel";
import type { SourceId } from "../sources";
import { referenceText, resultText } from "./format";
import type { Rule } from "./types";

export const criticalRule: Rule = (panel) => panel.values.filter((v) => v.flag === "Critical").map(criticalFinding);

function criticalFinding(v: PanelValue): Finding {
  const value = resultText(v);
  // The names may be the lab's own (an analyte the catalogue does not know): Markdown-escaped in every text.
  const name = escapeMarkdown(v.name);
  const patientName = escapeMarkdown(v.patientName);
  const direction = v.value === null || !v.reference ? null : v.reference.high !== undefined && v.value > v.reference.high ? "high" : "low";
  // The catalogue's critical limits come from Kost 1990; a lab's own critical flag is the lab's authority.
  const sources: SourceId[] = v.kind === "raw" ? [] : ["kostCriticalLimits1990"];
  return {
    id: `critical.${v.code}`,
    severity: "critical",
    title: `Critical value: ${name} ${value}`,
    patientTitle: `${patientName}: a result to act on today`,
    analytes: [v.code],
    patient: [
      {
        text: `Your ${patientName.toLowerCase()} result is ${value}. This is ${direction ? `far ${direction === "high" ? "above" : "below"}` : "outside"} the usual range, at a level labs report to a doctor right away. Contact your care team today. If you feel very unwell, call emergency services.`,
        sources,
      },
    ],
    clinician: [
      {
        text: `${name} ${value}${v.reference ? ` (reference ${referenceText(v)})` : ""}: beyond the critical limit${direction ? ` (${direction})` : ""}, a value laboratories report to the responsible clinician immediately.`,
        sources,
      },
    ],
    ask: `What should I do about my ${patientName.toLowerCase()} result today?`,
    guidance: { query: `critical value ${v.name} urgent`, tags: ["critical", v.code] },
  };
}
