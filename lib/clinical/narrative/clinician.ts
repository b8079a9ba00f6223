/**
 * The clinician's interpretation (DESIGN §7): terse, critical values first, each finding with its stage or
 * calculation and the guidance retrieved for it, then calculated values, trends and what was in range.
 * Markdown with numbered citations, numbered separately from the patient's; findings' texts are Markdown
 * already, and every other name, unit or text result is escaped here (which also keeps a `|` out of a table's
 * columns).
 */
import { claimById } from "../guidance";
import type { Interpretation } from "../interpret";
import type { Panel } from "../panel";
import { fmt, resultText, valuesText, wasConverted, withUnit } from "../rules/format";
import { Citations, cited } from "./citations";
import { escapeMarkdown } from "./escape";
import { clinicianMicrobiology, type Culture, microbiologySummary } from "./microbiology";
import type { Narrative } from "./patient";

/**
 * What the clinician reads beyond the panel: the lab's cultures, the results it cancelled or withdrew (each
 * as "<test> — cancelled by the lab: <reason>"), and what could not be read from the file (a reason, and
 * where). Neither is an analyte, but a positive result Labwise could not read must not go unmentioned.
 */
export interface ClinicianExtras {
  cultures?: readonly Culture[];
  cancelled?: readonly string[];
  unread?: readonly { reason: string; where?: string }[];
}

/** How many entries that could not be read are listed by name; the rest are counted. */
const UNREAD_LISTED = 5;

export function clinicianNarrative(interpretation: Interpretation, panel: Panel, { cultures = [], cancelled = [], unread = [] }: ClinicianExtras = {}): Narrative {
  const citations = new Citations();
  const { findings, trends } = interpretation;
  const results = panel.values;
  const lines: string[] = [];

  const critical = findings.filter((f) => f.severity === "critical");
  const others = findings.filter((f) => f.severity !== "critical");
  const measured = results.filter((v) => !v.derived);
  const calculatedCount = results.length - measured.length;
  const abnormal = measured.filter((v) => v.flag && v.flag !== "Normal").length;
  const summary = findings.filter((f) => f.severity !== "info").map((f) => f.title);
  lines.push(
    measured.length === 0 && cultures.length > 0
      ? microbiologySummary(cultures)
      : `**Summary:** ${measured.length} result${measured.length === 1 ? "" : "s"}${calculatedCount ? ` (+${calculatedCount} calculated)` : ""}, ${abnormal} outside the reference interval${critical.length ? `, ${critical.length} critical` : ""}.${summary.length ? ` ${summary.slice(0, 4).join("; ")}.` : " No actionable findings."}`,
    "",
  );

  // Results the lab has not finalised, or changed after first reporting them, are named once up front.
  const byStatus = (status: "preliminary" | "corrected") => measured.filter((v) => v.resultStatus === status).map((v) => escapeMarkdown(v.name));
  const [preliminary, corrected] = [byStatus("preliminary"), byStatus("corrected")];
  if (preliminary.length || corrected.length) {
    const parts = [preliminary.length ? `preliminary (may change): ${preliminary.join(", ")}` : "", corrected.length ? `corrected by the lab: ${corrected.join(", ")}` : ""];
    lines.push(`**Result status:** ${parts.filter(Boolean).join("; ")}.`, "");
  }
  if (cancelled.length) {
    lines.push(`**Not reported:** ${cancelled.map((reason) => escapeMarkdown(reason.replace(/[.\s]+$/, ""))).join("; ")}.`, "");
  }
  if (unread.length) {
    const listed = unread.slice(0, UNREAD_LISTED).map((entry) => escapeMarkdown(`${entry.reason.replace(/[.\s]+$/, "")}${entry.where ? ` (${entry.where})` : ""}`));
    const more = unread.length > UNREAD_LISTED ? `; and ${unread.length - UNREAD_LISTED} more` : "";
    lines.push(`**Not read from the file:** ${listed.join("; ")}${more}. Check these against the original report.`, "");
  }

  if (critical.length) {
    lines.push("## Critical values", "");
    for (const f of critical) lines.push(`- ${f.clinician.map((s) => cited(citations, s.text, s.sources)).join(" ")}`);
    lines.push("");
  }
  lines.push(...clinicianMicrobiology(cultures, citations));

  if (others.length) {
    lines.push("## Findings", "");
    others.forEach((f, i) => {
      lines.push(`${i + 1}. **${f.title}** (${f.severity}). ${f.clinician.map((s) => cited(citations, s.text, s.sources)).join(" ")}`);
      for (const claim of f.guidanceIds.map(claimById)) {
        if (claim) lines.push(`   - ${cited(citations, claim.text, [claim.source])}`);
      }
    });
    lines.push("");
  }

  const calculated = results.filter((v) => v.derived && v.value !== null);
  if (calculated.length) {
    lines.push("## Calculated values", "", "| Value | Result | Method |", "|---|---|---|");
    for (const v of calculated) {
      lines.push(`| ${escapeMarkdown(v.name)} | ${withUnit(v.value!, v.unit, 2)} | ${cited(citations, escapeMarkdown(v.formula ?? "calculated"), v.formulaSource ? [v.formulaSource] : [])} |`);
    }
    lines.push("");
  }

  if (trends.length) {
    lines.push("## Trends", "", "| Test | Previous | Current | Change |", "|---|---|---|---|");
    for (const t of trends) {
      const latest = results.find((v) => v.code === t.code);
      const at = (date: Date | null | undefined) => (date ? ` (${date.toISOString().slice(0, 10)})` : "");
      const first = t.points > 1 && t.first !== undefined ? `; first ${valuesText(latest, [t.first], t.unit)}${at(t.firstAt)}, ${t.points} earlier results` : "";
      const previous = `${valuesText(latest, [t.previous], t.unit)}${at(t.previousAt)}${first}`;
      const current = `${valuesText(latest, [t.current], t.unit)}${at(t.currentAt)}`;
      const change = t.direction === "unchanged" ? "unchanged" : `${t.change > 0 ? "+" : ""}${withUnit(t.change, t.unit, 2)}${t.percentChange !== null ? ` (${t.percentChange > 0 ? "+" : ""}${fmt(t.percentChange, 0)}%)` : ""}`;
      lines.push(`| ${escapeMarkdown(t.name)} | ${previous} | ${current} | ${change} |`);
    }
    lines.push("");
  }

  const flagged = new Set(findings.flatMap((f) => f.analytes));
  const normal = results.filter((v) => v.flag === "Normal" && !flagged.has(v.code));
  if (normal.length) lines.push("## Within reference", "", normal.map((v) => escapeMarkdown(v.name)).join(", ") + ".", "");
  const unflagged = measured.filter((v) => !v.flag && !flagged.has(v.code));
  if (unflagged.length) lines.push("## Not compared (no reference interval)", "", unflagged.map((v) => `${escapeMarkdown(v.name)} ${resultText(v)}`).join(", ") + ".", "");

  // Results the lab printed in another unit than the one they were read in: the value as printed, the
  // converted one beside it, and the source of any conversion that is a regression (HbA1c IFCC → NGSP).
  const converted = measured.filter(wasConverted);
  if (converted.length) {
    lines.push("## Unit conversions", "", converted.map((v) => cited(citations, `${escapeMarkdown(v.name)} ${resultText(v)}`, v.conversionSource ? [v.conversionSource] : [])).join("; ") + ".", "");
  }

  return { markdown: lines.join("\n").trimEnd(), citations: citations.toJSON() };
}
