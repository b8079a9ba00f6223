/**
 * The patient's explanation (DESIGN §7): plain language around grade 6–8, most important first, never a
 * diagnosis, and a question to take to the clinician for each finding. Markdown with numbered citations;
 * findings' texts are Markdown already, and any other string of the lab's is escaped here.
 */
import type { Interpretation } from "../interpret";
import type { Panel } from "../panel";
import { resultText, valuesText } from "../rules/format";
import { Citations, cited, type CitationMap } from "./citations";
import { escapeMarkdown } from "./escape";
import { type Culture, patientMicrobiology } from "./microbiology";

export interface Narrative {
  markdown: string;
  citations: CitationMap;
}

const CATEGORY_WORDS: Record<string, string> = {
  Renal: "kidney",
  Metabolic: "blood sugar",
  Lipids: "cholesterol and blood fat",
  Hematology: "blood count",
  Liver: "liver",
  Thyroid: "thyroid",
  Iron: "iron",
  Vitamins: "vitamin",
  Inflammation: "inflammation",
  Electrolytes: "body salts",
  Urinalysis: "urine",
  Prostate: "prostate",
  Cardiac: "heart",
  Pancreas: "pancreas",
  Minerals: "mineral",
};

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function patientNarrative(interpretation: Interpretation, panel: Panel, cultures: readonly Culture[] = []): Narrative {
  const citations = new Citations();
  const { findings } = interpretation;
  const results = panel.values;
  const measured = results.filter((v) => !v.derived);
  const flagged = new Set(findings.filter((f) => f.severity !== "info").flatMap((f) => f.analytes));
  const inRange = measured.filter((v) => v.flag === "Normal" && !flagged.has(v.code));
  const critical = findings.filter((f) => f.severity === "critical");
  const lines: string[] = ["# Your lab results", ""];

  const outside = measured.filter((v) => v.flag && v.flag !== "Normal").length;
  const normal = measured.filter((v) => v.flag === "Normal").length;
  const are = (n: number) => `${n} ${n === 1 ? "is" : "are"}`;
  const overview =
    outside === 0
      ? "All of the ones we could compare are in the usual range."
      : `${are(normal)} in the usual range and ${are(outside)} outside it. The most important ones come first.`;
  if (measured.length > 0 || cultures.length === 0) lines.push(`We looked at ${count(measured.length, "result")}. ${overview}`, "");
  if (critical.length) {
    // Each critical value with its number and unit, as the lab reported it.
    const criticalValues = results.filter((v) => v.flag === "Critical").map((v) => `${escapeMarkdown(v.patientName)} ${resultText(v)}`);
    lines.push(
      `> **Please contact your care team today.** ${critical.length === 1 ? "One result is" : `${critical.length} results are`} at a level labs report to a doctor right away${criticalValues.length ? `: ${criticalValues.join("; ")}` : ""}.`,
      "",
    );
  }
  lines.push(...patientMicrobiology(cultures, citations));

  for (const finding of findings) {
    lines.push(`## ${finding.patientTitle}`, "");
    lines.push(finding.patient.map((s) => cited(citations, s.text, s.sources)).join(" "), "");
    if (finding.ask) lines.push(`**Ask your clinician:** ${finding.ask}`, "");
  }

  const changes = interpretation.trends.filter((t) => t.direction !== "unchanged");
  if (changes.length) {
    lines.push("## Changes since your last test", "");
    for (const t of changes) {
      const name = escapeMarkdown(results.find((v) => v.code === t.code)?.patientName ?? t.name);
      const when = t.previousAt ? ` on ${t.previousAt.toISOString().slice(0, 10)}` : "";
      const values = valuesText(results.find((v) => v.code === t.code), [t.previous, t.current], t.unit, " to ");
      lines.push(`- ${name}: ${t.direction === "up" ? "went up" : "went down"} from ${values} (last test${when}).`);
    }
    lines.push("");
  }

  if (inRange.length) {
    const groups = new Map<string, number>();
    for (const v of inRange) groups.set(v.category ?? "Other", (groups.get(v.category ?? "Other") ?? 0) + 1);
    const parts = [...groups].map(([category, n]) => `${CATEGORY_WORDS[category] ?? "other"} (${count(n, "test")})`);
    lines.push(findings.length ? "## Other results in the usual range" : "## Results in the usual range", "", `These look as expected: ${parts.join(", ")}.`, "");
  }

  lines.push(
    "---",
    "",
    "*This is an explanation of your numbers, not a diagnosis. Your clinician knows your health history and can tell you what these results mean for you.*",
  );
  return { markdown: lines.join("\n"), citations: citations.toJSON() };
}
