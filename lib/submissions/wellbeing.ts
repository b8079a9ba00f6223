/**
 * The wellbeing vocabulary of the Submissions API (seed 002: "Read APIs return wellbeing language only —
 * stable `wellbeing.*` outcome ids, plain-English labels, and optional `notices[].message` lines (no internal
 * warning codes or model identifiers)"). An outcome id is `wellbeing.<area>.<level>`; the clinical engine's
 * finding ids (`kidney.ckd-category`), analyte codes and guidance ids never leave this module: a finding is
 * reduced to the area its rule covers and the urgency of its severity, and the words are this table's.
 *
 * The ids are a public contract: add areas or levels, never rename one.
 */
import type { Severity } from "../clinical/findings";

export const WELLBEING_AREAS = {
  kidney: "Kidney health",
  minerals: "Salts and minerals",
  blood_sugar: "Blood sugar",
  cardiovascular: "Cholesterol and heart health",
  blood: "Blood count and iron",
  thyroid: "Thyroid",
  liver: "Liver health",
  vitamins: "Vitamins",
  inflammation: "Inflammation",
  general: "Other results",
} as const;

export type WellbeingArea = keyof typeof WELLBEING_AREAS;

/** Most urgent first. */
export const WELLBEING_LEVELS = {
  urgent: "needs prompt attention — contact a clinician soon",
  review: "worth discussing with a clinician",
  watch: "close to a limit — worth keeping an eye on",
  info: "for information",
} as const;

export type WellbeingLevel = keyof typeof WELLBEING_LEVELS;

/** The one outcome that is not about an area: nothing the engine looked at stood out. */
export const IN_RANGE_OUTCOME = "wellbeing.overall.in_range";
const IN_RANGE_LABEL = "Results are within the usual ranges";

const areas = Object.keys(WELLBEING_AREAS) as WellbeingArea[];
const levels = Object.keys(WELLBEING_LEVELS) as WellbeingLevel[];

export const WELLBEING_OUTCOME_IDS = [IN_RANGE_OUTCOME, ...areas.flatMap((area) => levels.map((level) => `wellbeing.${area}.${level}`))] as [
  string,
  ...string[],
];

/** Plain-English label of every outcome id. */
export const WELLBEING_LABELS: Readonly<Record<string, string>> = Object.fromEntries([
  [IN_RANGE_OUTCOME, IN_RANGE_LABEL],
  ...areas.flatMap((area) => levels.map((level) => [`wellbeing.${area}.${level}`, `${WELLBEING_AREAS[area]}: ${WELLBEING_LEVELS[level]}`])),
]);

/** The engine's rule (the part of a finding id before the first dot) → the wellbeing area it speaks about. */
const AREA_OF_RULE: Readonly<Record<string, WellbeingArea>> = {
  kidney: "kidney",
  electrolytes: "minerals",
  glycemia: "blood_sugar",
  lipids: "cardiovascular",
  anaemia: "blood",
  thyroid: "thyroid",
  liver: "liver",
  vitamins: "vitamins",
  inflammation: "inflammation",
  // A critical value (`critical.<analyte>`) or a result out of range that no rule covers (`results.<category>`).
  critical: "general",
  results: "general",
};

const LEVEL_OF_SEVERITY: Readonly<Record<Severity, WellbeingLevel>> = {
  critical: "urgent",
  high: "review",
  moderate: "review",
  borderline: "watch",
  info: "info",
};

export interface WellbeingOutcome {
  id: string;
  label: string;
  area: WellbeingArea | "overall";
  level: WellbeingLevel | "in_range";
}

/** Finding ids that are not outcomes but notices: a value the engine could not judge. */
const NOTICE_ONLY = new Set(["results.indeterminate"]);

/**
 * One outcome per area the findings touch, at the most urgent level any of its findings has; most urgent
 * first, then in the table's order. No finding (or only notices) is "in range".
 */
export function wellbeingOutcomes(findings: readonly { id: string; severity: Severity }[]): WellbeingOutcome[] {
  const levelByArea = new Map<WellbeingArea, WellbeingLevel>();
  for (const finding of findings) {
    if (NOTICE_ONLY.has(finding.id)) continue;
    const area = AREA_OF_RULE[finding.id.split(".")[0]] ?? "general";
    const level = LEVEL_OF_SEVERITY[finding.severity];
    const current = levelByArea.get(area);
    if (current === undefined || levels.indexOf(level) < levels.indexOf(current)) levelByArea.set(area, level);
  }
  if (levelByArea.size === 0) return [{ id: IN_RANGE_OUTCOME, label: IN_RANGE_LABEL, area: "overall", level: "in_range" }];
  return [...levelByArea]
    .sort(([areaA, levelA], [areaB, levelB]) => levels.indexOf(levelA) - levels.indexOf(levelB) || areas.indexOf(areaA) - areas.indexOf(areaB))
    .map(([area, level]) => ({ id: `wellbeing.${area}.${level}`, label: WELLBEING_LABELS[`wellbeing.${area}.${level}`], area, level }));
}

/** Notices, in fixed words: nothing the engine or the extraction wrote is passed through. */
export const NOTICES = {
  notDiagnosis: "This summary supports a conversation with a clinician; it is not a diagnosis.",
  urgent: "At least one result is far outside the usual range. The person should contact a clinician promptly.",
  indeterminate: "Some values could not be compared with a reference range and were not judged.",
  skipped: "Some submitted items could not be read and were left out.",
} as const;

export function wellbeingNotices(input: { outcomes: readonly WellbeingOutcome[]; findings: readonly { id: string }[]; skipped: number }): { message: string }[] {
  const messages: string[] = [];
  if (input.outcomes.some((o) => o.level === "urgent")) messages.push(NOTICES.urgent);
  if (input.findings.some((f) => NOTICE_ONLY.has(f.id))) messages.push(NOTICES.indeterminate);
  if (input.skipped > 0) messages.push(NOTICES.skipped);
  messages.push(NOTICES.notDiagnosis);
  return messages.map((message) => ({ message }));
}
