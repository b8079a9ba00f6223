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
import { fmt, unitLabel, withUnit } from "../rules/format";
import { Citations, cited } from "./citations";
import { escapeMarkdown } from "./escape";
import type { Narrative } from "./patient";

export function clinicianNarrative(interpretation: Interpretation, panel: Panel): Narrative {
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
    `**Summary:** ${measured.length} result${measured.length === 1 ? "" : "s"}${calculatedCount ? ` (+${calculatedCount} calculated)` : ""}, ${abnormal} outside the reference interval${critical.length ? `, ${critical.length} critical` : ""}.${summary.length ? ` ${summary.slice(0, 4).join("; ")}.` : " No actionable findings."}`,
    "",
  );

  if (critical.length) {
    lines.push("## Critical values", "");
    for (const f of critical) lines.push(`- ${f.clinician.map((s) => cited(citations, s.text, s.sources)).join(" ")}`);
    lines.push("");
  }

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
      const unit = unitLabel(t.unit);
      const previous = `${fmt(t.previous, 2)} ${unit}${t.previousAt ? ` (${t.previousAt.toISOString().slice(0, 10)})` : ""}`;
      const current = `${fmt(t.current, 2)} ${unit}${t.currentAt ? ` (${t.currentAt.toISOString().slice(0, 10)})` : ""}`;
      const change = t.direction === "unchanged" ? "unchanged" : `${t.change > 0 ? "+" : ""}${fmt(t.change, 2)}${t.percentChange !== null ? ` (${t.percentChange > 0 ? "+" : ""}${fmt(t.percentChange, 0)}%)` : ""}`;
      lines.push(`| ${escapeMarkdown(t.name)} | ${previous} | ${current} | ${change} |`);
    }
    lines.push("");
  }

  const flagged = new Set(findings.flatMap((f) => f.analytes));
  const normal = results.filter((v) => v.flag === "Normal" && !flagged.has(v.code));
  if (normal.length) lines.push("## Within reference", "", normal.map((v) => escapeMarkdown(v.name)).join(", ") + ".", "");
  const unflagged = measured.filter((v) => !v.flag && !flagged.has(v.code));
  if (unflagged.length) lines.push("## Not compared (no reference interval)", "", unflagged.map((v) => `${escapeMarkdown(v.name)} ${v.value !== null ? withUnit(v.value, v.unit, 2) : escapeMarkdown(v.text ?? "")}`).join(", ") + ".", "");

  return { markdown: lines.join("\n").trimEnd(), citations: citations.toJSON() };
}
