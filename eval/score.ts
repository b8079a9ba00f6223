/**
 * Scores one processed lab against its hand-checked expectations (eval/cases/*.yaml). Pure: it sees what a
 * clinician or partner would see (the analytes with their values, units, flags and statuses, the findings and
 * both texts with their citations) and the expectations, and counts what is right.
 */
import { z } from "zod";

/** An analyte as the case file expects it (values as printed on the report). */
const expectedAnalyte = z.object({
  /** The printed name or the catalogue's name; matched case-insensitively. */
  name: z.string(),
  loinc: z.string().optional(),
  /** The number (or, for a text result such as an organism or S/I/R, the text) as reported. */
  value: z.union([z.number(), z.string()]),
  /** The unit as printed on the report; omitted when the report prints none. */
  unit: z.string().nullable().optional(),
  /** Where the engine must convert: the value in the catalogue's unit. */
  normalized: z.object({ value: z.number(), unit: z.string() }).optional(),
  flag: z.string().optional(),
  /** `corrected`, `preliminary`, `final` … when the file states it and it matters. */
  result_status: z.string().optional(),
  /** When the file holds a history of this analyte: which instant (ISO date or date-time prefix). */
  at: z.string().optional(),
});

export const caseSchema = z.object({
  title: z.string(),
  /** The file, relative to eval/files (absent for an agent request, which is `request`). */
  file: z.string().optional(),
  content_type: z.string().optional(),
  /** `member`: the member upload API (one lab, one person). `agent`: the Lab Results Agent with its JSON body. */
  surface: z.enum(["member", "agent"]).default("member"),
  /** An agent request body (without webhookUrl), relative to eval/files. */
  request: z.string().optional(),
  /** Which class of error of issue 13 the case guards. */
  classes: z.array(z.string()).default([]),
  status: z.enum(["ready", "failed", "completed"]).default("ready"),
  failure_reason: z.string().optional(),
  analytes: z.array(expectedAnalyte).default([]),
  /** Regular expressions (case-insensitive), each of which some finding title or either text must match. */
  findings: z.array(z.string()).default([]),
  /** Change since the previous result at a different time: the two values the trend must rest on. */
  trends: z.array(z.object({ name: z.string(), previous: z.number(), current: z.number() })).default([]),
  /** Regular expressions (case-insensitive) that the patient text and the clinician text must each match: a critical value with its number and unit, a value in the units the report printed. */
  both_texts: z.array(z.string()).default([]),
  /** Phrases (case-insensitive) that must appear in neither text nor as an analyte's name. */
  forbidden: z.array(z.string()).default([]),
  /** Sources that must not be cited at all (a regular expression on the title): superseded guidance. */
  forbidden_sources: z.array(z.string()).default([]),
  /** A sentence matching `near` must not cite a source whose title matches `source`: a claim it does not make. */
  misattributed: z.array(z.object({ near: z.string(), source: z.string() })).default([]),
});
export type EvalCase = z.infer<typeof caseSchema>;
export type ExpectedAnalyte = z.infer<typeof expectedAnalyte>;

/** What came out, the same shape for every surface. */
export interface Outcome {
  status: string;
  failureReason: string | null;
  analytes: {
    name: string;
    displayName?: string | null;
    loinc?: string | null;
    value: string;
    valueNumber: number | null;
    unit: string | null;
    normalizedValue?: number | null;
    normalizedUnit?: string | null;
    flag: string | null;
    resultStatus?: string | null;
    derived?: boolean;
    observedAt?: string | null;
  }[];
  findingTitles: string[];
  trends?: { name: string; code?: string; previous: number; current: number }[];
  patientText: string;
  clinicianText: string;
  citations: { patient: Record<string, Citation>; clinician: Record<string, Citation> };
}

interface Citation {
  url?: string;
  title?: string;
}

/** Phrases no output may ever contain, whatever the case: the marks of a value or unit that went missing. */
export const ALWAYS_FORBIDDEN: RegExp[] = [
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object Object\]/,
  /\bnull\b(?! hypothesis)/,
  /\b(?:is|was|of|at)\s+[,.;:](?!\d)/,
  /\(\s*\)/,
];

export interface Check {
  what: string;
  ok: boolean;
  detail?: string;
}

export interface CaseScore {
  status: Check;
  found: Check[];
  values: Check[];
  flags: Check[];
  resultStatuses: Check[];
  findings: Check[];
  forbidden: Check[];
  citations: Check[];
}

const norm = (text: string | null | undefined) => (text ?? "").trim().toLowerCase().replace(/\s+/g, " ");

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-6);
}

/**
 * The analyte of the outcome an expectation speaks of, at the instant asked for, else the latest: by LOINC
 * when the expectation gives one, else by the name as printed, else by the catalogue's name (so "Neutrophils"
 * and "Neutrophils %" on one report stay two analytes).
 */
export function matchAnalyte(expected: ExpectedAnalyte, analytes: Outcome["analytes"]): Outcome["analytes"][number] | undefined {
  const wanted = norm(expected.name);
  const byLoinc = expected.loinc ? analytes.filter((a) => a.loinc === expected.loinc) : [];
  const byName = analytes.filter((a) => norm(a.name) === wanted);
  let candidates = byLoinc.length ? byLoinc : byName.length ? byName : analytes.filter((a) => norm(a.displayName) === wanted);
  if (candidates.length > 1) {
    const measured = candidates.filter((a) => !a.derived);
    if (measured.length) candidates = measured;
  }
  if (expected.at) candidates = candidates.filter((a) => (a.observedAt ?? "").startsWith(expected.at!));
  return [...candidates].sort((a, b) => (a.observedAt ?? "").localeCompare(b.observedAt ?? "")).at(-1);
}

function valueRight(expected: ExpectedAnalyte, actual: Outcome["analytes"][number]): string | undefined {
  if (typeof expected.value === "number") {
    if (actual.valueNumber === null || !sameNumber(actual.valueNumber, expected.value)) return `value ${actual.value} (expected ${expected.value})`;
  } else if (norm(actual.value) !== norm(expected.value)) return `value "${actual.value}" (expected "${expected.value}")`;
  if (expected.unit !== undefined && norm(actual.unit) !== norm(expected.unit)) return `unit "${actual.unit ?? ""}" (expected "${expected.unit ?? ""}")`;
  if (expected.normalized) {
    const { value, unit } = expected.normalized;
    if (actual.normalizedValue == null || Math.abs(actual.normalizedValue - value) > Math.max(0.05, Math.abs(value) * 0.01) || norm(actual.normalizedUnit) !== norm(unit)) {
      return `converted ${actual.normalizedValue ?? "none"} ${actual.normalizedUnit ?? ""} (expected ${value} ${unit})`;
    }
  }
  return undefined;
}

function citationsResolve(text: string, map: Record<string, Citation>, known: ReadonlySet<string>): string | undefined {
  const used = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => m[1]))].sort();
  const listed = Object.keys(map).sort();
  if (used.join(",") !== listed.join(",")) return `markers [${used.join(",")}] but citations {${listed.join(",")}}`;
  const unknown = Object.values(map).filter((c) => !c.url || !known.has(c.url));
  return unknown.length ? `cites ${unknown.map((c) => c.url ?? "no URL").join(", ")}, not in lib/clinical/sources` : undefined;
}

/** Every check of one case. `knownSources` is the set of URLs in lib/clinical/sources. */
export function scoreCase(expected: EvalCase, outcome: Outcome, knownSources: ReadonlySet<string>): CaseScore {
  const statusOk = outcome.status === expected.status && (!expected.failure_reason || new RegExp(expected.failure_reason, "i").test(outcome.failureReason ?? ""));
  const score: CaseScore = {
    status: { what: "status", ok: statusOk, detail: statusOk ? undefined : `${outcome.status}${outcome.failureReason ? `: ${outcome.failureReason}` : ""} (expected ${expected.status})` },
    found: [],
    values: [],
    flags: [],
    resultStatuses: [],
    findings: [],
    forbidden: [],
    citations: [],
  };
  for (const want of expected.analytes) {
    const label = want.at ? `${want.name}@${want.at}` : want.name;
    const got = matchAnalyte(want, outcome.analytes);
    score.found.push({ what: label, ok: !!got, detail: got ? undefined : "not found" });
    const wrongValue = got ? valueRight(want, got) : "not found";
    score.values.push({ what: label, ok: !wrongValue, detail: wrongValue });
    if (want.flag !== undefined) {
      const ok = !!got && norm(got.flag) === norm(want.flag);
      score.flags.push({ what: label, ok, detail: ok ? undefined : `flag ${got ? (got.flag ?? "none") : "(not found)"} (expected ${want.flag})` });
    }
    if (want.result_status !== undefined) {
      const ok = !!got && norm(got.resultStatus) === norm(want.result_status);
      score.resultStatuses.push({ what: label, ok, detail: ok ? undefined : `status ${got ? (got.resultStatus ?? "none") : "(not found)"} (expected ${want.result_status})` });
    }
  }
  const haystack = [...outcome.findingTitles, outcome.clinicianText, outcome.patientText].join("\n");
  for (const pattern of expected.findings) {
    const ok = new RegExp(pattern, "i").test(haystack);
    score.findings.push({ what: pattern, ok, detail: ok ? undefined : "absent" });
  }
  for (const want of expected.trends) {
    const got = (outcome.trends ?? []).find((t) => norm(t.name) === norm(want.name) || norm(t.code) === norm(want.name));
    const ok = !!got && sameNumber(got.previous, want.previous) && sameNumber(got.current, want.current);
    score.findings.push({
      what: `trend ${want.name}`,
      ok,
      detail: ok ? undefined : got ? `${got.previous} → ${got.current} (expected ${want.previous} → ${want.current})` : "no trend",
    });
  }
  for (const pattern of expected.both_texts) {
    for (const [audience, text] of [["patient", outcome.patientText], ["clinician", outcome.clinicianText]] as const) {
      const ok = new RegExp(pattern, "i").test(text);
      score.findings.push({ what: `${pattern} (${audience} text)`, ok, detail: ok ? undefined : "absent" });
    }
  }
  const texts = [outcome.patientText, outcome.clinicianText];
  const names = outcome.analytes.flatMap((a) => [a.name, a.displayName ?? ""]);
  for (const phrase of expected.forbidden) {
    const hit = [...texts, ...names].find((t) => norm(t).includes(norm(phrase)));
    score.forbidden.push({ what: phrase, ok: !hit, detail: hit === undefined ? undefined : "present" });
  }
  for (const pattern of ALWAYS_FORBIDDEN) {
    const line = texts.flatMap((t) => t.split("\n")).find((l) => pattern.test(l));
    score.forbidden.push({ what: String(pattern), ok: !line, detail: line ? `"${line.trim().slice(0, 140)}"` : undefined });
  }
  for (const text of texts) {
    const repeated = repeatedBullet(text);
    if (repeated) score.forbidden.push({ what: "the same bullet twice in one finding", ok: false, detail: `"${repeated.slice(0, 140)}"` });
  }
  if (outcome.status !== "failed") {
    for (const audience of ["patient", "clinician"] as const) {
      const text = audience === "patient" ? outcome.patientText : outcome.clinicianText;
      const map = outcome.citations[audience] ?? {};
      const wrong = citationsResolve(text, map, knownSources);
      score.citations.push({ what: audience, ok: !wrong, detail: wrong });
      for (const pattern of expected.forbidden_sources) {
        const cited = Object.values(map).find((c) => new RegExp(pattern, "i").test(c.title ?? ""));
        score.citations.push({ what: `${audience} cites no ${pattern}`, ok: !cited, detail: cited ? `cites "${cited.title}"` : undefined });
      }
      for (const { near, source } of expected.misattributed) {
        const sentence = sentences(text).find((s) => new RegExp(near, "i").test(s) && citedIn(s, map).some((c) => new RegExp(source, "i").test(c.title ?? "")));
        score.citations.push({ what: `${audience}: "${near}" not cited to ${source}`, ok: !sentence, detail: sentence ? `"${sentence.slice(0, 140)}"` : undefined });
      }
    }
  }
  return score;
}

function sentences(text: string): string[] {
  return text.split("\n").flatMap((line) => line.split(/(?<=[.!?](?:\s*\[\d+\])*)\s+(?=[A-Z0-9*])/));
}

function citedIn(sentence: string, map: Record<string, Citation>): Citation[] {
  return [...sentence.matchAll(/\[(\d+)\]/g)].map((m) => map[m[1]]).filter((c): c is Citation => !!c);
}

/** A bullet printed twice under one numbered finding (or twice in a text without numbered findings). */
export function repeatedBullet(text: string): string | undefined {
  for (const block of text.split(/^\d+\. /m)) {
    const bullets = block.split("\n").map((l) => l.trim()).filter((l) => /^[-*] /.test(l));
    const seen = new Set<string>();
    for (const bullet of bullets) {
      if (seen.has(bullet)) return bullet;
      seen.add(bullet);
    }
  }
  return undefined;
}

export const METRICS = ["status", "found", "values", "flags", "resultStatuses", "findings", "forbidden", "citations"] as const;
export type Metric = (typeof METRICS)[number];

export function checksOf(score: CaseScore, metric: Metric): Check[] {
  return metric === "status" ? [score.status] : score[metric];
}
