/**
 * The clinical engine's entry point (DESIGN §7): a panel and the patient's facts in; prioritised findings,
 * the guidance each one retrieved from the corpus, and trends out. Pure and deterministic: the same panel
 * always gives the same interpretation.
 */
import { prioritise, type Finding } from "./findings";
import { guidanceFor } from "./guidance";
import type { Panel } from "./panel";
import type { PatientFacts } from "./patient";
import { RULES } from "./rules";
import { criticalRule } from "./rules/critical";
import { otherResults } from "./rules/other-results";
import { trends, type Trend } from "./trends";

export interface InterpretedFinding extends Finding {
  /** Ids of the guidance claims retrieved for this finding, best match first. */
  guidanceIds: string[];
}

export interface Interpretation {
  findings: InterpretedFinding[];
  /** Distinct guidance claims matched across all findings (seed 001 `metadata.insightsMatched`). */
  insightsMatched: number;
  trends: Trend[];
}

export function interpret(panel: Panel, patient: PatientFacts): Interpretation {
  const critical = criticalRule(panel, patient);
  const clinical = RULES.flatMap((rule) => rule(panel, patient));
  const covered = new Set([...critical, ...clinical].flatMap((f) => f.analytes));
  const findings = prioritise([...critical, ...clinical, ...otherResults(panel, covered)]).map((finding) => ({
    ...finding,
    guidanceIds: guidanceFor(finding).map((claim) => claim.id),
  }));
  return {
    findings,
    insightsMatched: new Set(findings.flatMap((f) => f.guidanceIds)).size,
    trends: trends(panel),
  };
}
