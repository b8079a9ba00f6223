/**
 * pipeline.write_artifacts: the patient and clinician Markdown. Until the clinical engine (issue 4) adds
 * interpretations with citations, these state only what the results themselves say: which values lie
 * outside the lab's range. No interpretation, so nothing to cite yet.
 */
import { db } from "../../db";

interface Finding {
  analyte: string;
  value: string;
  unit: string | null;
  reference_range: string | null;
  flag: string;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function clinicianSummary(findings: Finding[], total: number): string {
  if (!findings.length) return `All ${total} results are within the reported reference ranges.`;
  const rows = findings.map((f) => `| ${cell(f.analyte)} | ${cell([f.value, f.unit].filter(Boolean).join(" "))} | ${cell(f.reference_range ?? "—")} | ${f.flag} |`);
  return [`**${findings.length} of ${total} results outside the reference range.**`, "", "| Test | Result | Reference range | Flag |", "|---|---|---|---|", ...rows].join("\n");
}

export function patientSummary(findings: Finding[], total: number): string {
  if (!findings.length) return `All ${total} of your results are inside the range the lab uses as usual.`;
  const lines = findings.map((f) => `- **${f.analyte}**: ${[f.value, f.unit].filter(Boolean).join(" ")} (${f.flag.toLowerCase()}${f.reference_range ? `; the lab's usual range is ${f.reference_range}` : ""})`);
  return [
    `${findings.length} of your ${total} results are outside the range the lab uses as usual:`,
    "",
    ...lines,
    "",
    "A result outside the range is not a diagnosis. Ask your clinician what these results mean for you and whether anything should be repeated or followed up.",
  ].join("\n");
}

export async function writeArtifacts(labResultId: string): Promise<{ written: boolean }> {
  const lab = await db.labResult.findUniqueOrThrow({ where: { id: labResultId }, select: { findings: true, labsAnalyzed: true } });
  const findings = (lab.findings as unknown as Finding[] | null) ?? [];
  const total = lab.labsAnalyzed ?? 0;
  await db.labResult.update({
    where: { id: labResultId },
    data: { patientResponse: patientSummary(findings, total), clinicianResponse: clinicianSummary(findings, total) },
  });
  return { written: true };
}
