/**
 * `npm run eval`: every case of the evaluation corpus (eval/cases/*.yaml, files in eval/files, attributed in
 * eval/SOURCES.md) through the real pipeline — the app's route handlers in-process, the real embedded
 * executor and Inngest endpoint, a real PostgreSQL — scored against its hand-checked expectations.
 * Prints a table, writes eval/results/<timestamp>.json and eval/results/latest.json, and exits 1 when any
 * total is below eval/thresholds.yaml.
 *
 * Database as `npm test`: with DATABASE_URL, a fresh database on that server, dropped afterwards; otherwise an
 * embedded PostgreSQL in a throw-away directory. `npm run eval -- <substring>` runs the matching cases only
 * (and checks no threshold); `--verbose` prints every failed check.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { bringUp, viaAgent, viaMember } from "./harness";
import { caseSchema, checksOf, METRICS, scoreCase, type CaseScore, type EvalCase, type Metric, type Outcome } from "./score";

const EVAL_DIR = import.meta.dirname;
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const only = args.filter((a) => !a.startsWith("--"));

const LABELS: Record<Metric, string> = {
  status: "lab status",
  found: "analytes found",
  values: "values+units right",
  flags: "flags right",
  resultStatuses: "result status right",
  findings: "findings present",
  forbidden: "forbidden absent",
  citations: "citations resolve",
};

/** The classes of error issue 13 found in real-world files; every one must have a case. */
const CLASSES: Record<string, string> = {
  "multi-subject": "a file with many people read as one",
  units: "units not converted, values vanishing",
  dropped: "real results dropped (local codes, no category)",
  microbiology: "organisms and susceptibilities, never chemistry",
  flags: "flags against the lab's own interpretation and range",
  critical: "HH/LL critical values with number and unit",
  "counts-vs-percent": "absolute counts and percentages kept apart",
  status: "corrected, preliminary and cancelled results",
  context: "conditions and medications reaching the rules",
  "ckd-bundle": "CKD management points with their sources",
  fib4: "FIB-4 interpretation",
  lipids: "low HDL, high total cholesterol",
  "lab-over-calculated": "a lab-reported value over a calculated one",
  liver: "liver injury pattern from enzymes above the printed ULN",
  trends: "trends between distinct times over the whole history",
  "patient-units": "the value in the units printed on the report",
  sources: "sources cited only for what they say",
};

async function loadCases(): Promise<{ id: string; spec: EvalCase }[]> {
  const dir = path.join(EVAL_DIR, "cases");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".yaml")).sort();
  const cases = [];
  for (const name of names) {
    const id = name.replace(/\.yaml$/, "");
    if (only.length && !only.some((o) => id.includes(o))) continue;
    const parsed = caseSchema.safeParse(parseYaml(await readFile(path.join(dir, name), "utf8")));
    if (!parsed.success) throw new Error(`eval/cases/${name}: ${parsed.error.message}`);
    cases.push({ id, spec: parsed.data });
  }
  return cases;
}

/** What the JSON keeps of an outcome: enough to see why a check failed. */
function summary(outcome: Outcome) {
  return {
    status: outcome.status,
    failureReason: outcome.failureReason,
    findings: outcome.findingTitles,
    patientText: outcome.patientText,
    clinicianText: outcome.clinicianText,
    analytes: outcome.analytes.filter((a) => !a.derived).map(({ name, loinc, value, unit, flag, resultStatus, observedAt }) => ({ name, loinc, value, unit, flag, resultStatus, observedAt })),
  };
}

interface Totals {
  ok: number;
  n: number;
}

function pct({ ok, n }: Totals): string {
  return n ? `${((100 * ok) / n).toFixed(1)}%` : "—";
}

function cell(checks: { ok: boolean }[]): string {
  return checks.length ? `${checks.filter((c) => c.ok).length}/${checks.length}` : "·";
}

async function main() {
  const cases = await loadCases();
  const thresholds = parseYaml(await readFile(path.join(EVAL_DIR, "thresholds.yaml"), "utf8")) as Partial<Record<Metric, number>>;
  const { SOURCES } = await import("../lib/clinical/sources");
  const known = new Set(Object.values(SOURCES).map((s) => s.url));
  // The SDK and the pipeline log every step error (a case expected to fail logs one too); keep the table readable.
  const log = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  if (!verbose) for (const k of ["log", "info", "warn", "error"] as const) console[k] = () => {};
  const env = await bringUp();
  const results: { id: string; title: string; classes: string[]; score?: CaseScore; outcome?: unknown; error?: string; ms: number }[] = [];
  try {
    // Three at a time: the pipeline's steps interleave as they would under real load, on two cores.
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { id, spec } = next;
          const start = performance.now();
          try {
            const outcome = spec.surface === "agent" ? await viaAgent(spec, env.hook) : await viaMember(spec);
            results.push({ id, title: spec.title, classes: spec.classes, score: scoreCase(spec, outcome, known), outcome: summary(outcome), ms: Math.round(performance.now() - start) });
          } catch (error) {
            results.push({ id, title: spec.title, classes: spec.classes, error: (error as Error).message, ms: Math.round(performance.now() - start) });
          }
        }
      }),
    );
  } finally {
    await env.down();
    Object.assign(console, log);
  }
  results.sort((a, b) => a.id.localeCompare(b.id));

  const totals = Object.fromEntries(METRICS.map((m) => [m, { ok: 0, n: 0 }])) as Record<Metric, Totals>;
  const rows: string[][] = [["case", ...METRICS.map((m) => LABELS[m])]];
  for (const r of results) {
    if (!r.score) {
      rows.push([r.id, "ERROR", ...METRICS.slice(1).map(() => "·")]);
      for (const m of METRICS) totals[m].n += 1;
      continue;
    }
    const row = [r.id];
    for (const m of METRICS) {
      const checks = checksOf(r.score, m);
      totals[m].ok += checks.filter((c) => c.ok).length;
      totals[m].n += checks.length;
      row.push(m === "status" ? (checks[0].ok ? "ok" : "WRONG") : cell(checks));
    }
    rows.push(row);
  }
  rows.push(["TOTAL", ...METRICS.map((m) => `${totals[m].ok}/${totals[m].n} ${pct(totals[m])}`)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : (c ?? "").padStart(widths[i]))).join("  ");
  console.log(`\nLabwise evaluation corpus: ${results.length} cases\n`);
  console.log(line(rows[0]));
  for (const r of rows.slice(1)) console.log(line(r));

  console.log("\nWhat is wrong:");
  let anything = false;
  for (const r of results) {
    if (r.error) {
      anything = true;
      console.log(`  ${r.id}: ${r.error}`);
      continue;
    }
    const wrong = METRICS.flatMap((m) => checksOf(r.score!, m).filter((c) => !c.ok).map((c) => `${LABELS[m]}: ${c.what} — ${c.detail ?? "wrong"}`));
    if (!wrong.length) continue;
    anything = true;
    const shown = verbose ? wrong : wrong.slice(0, 4);
    console.log(`  ${r.id}`);
    for (const w of shown) console.log(`    ${w}`);
    if (shown.length < wrong.length) console.log(`    … ${wrong.length - shown.length} more (--verbose)`);
  }
  if (!anything) console.log("  nothing");

  const covered = Object.keys(CLASSES).map((c) => ({ c, n: results.filter((r) => r.classes.includes(c)).length }));
  console.log(`\nCases per class of issue 13: ${covered.map(({ c, n }) => `${c} ${n}`).join(", ")}`);
  const uncovered = only.length ? [] : covered.filter(({ n }) => n === 0).map(({ c }) => `${c} (${CLASSES[c]})`);
  const unknown = [...new Set(results.flatMap((r) => r.classes))].filter((c) => !(c in CLASSES));
  if (unknown.length) throw new Error(`eval/cases name classes that are not in CLASSES: ${unknown.join(", ")}`);

  const ratio = (t: Totals) => (t.n ? t.ok / t.n : 1);
  const below = only.length ? [] : METRICS.filter((m) => thresholds[m] !== undefined && ratio(totals[m]) < thresholds[m]!);
  const report = {
    at: new Date().toISOString(),
    cases: results.length,
    totals: Object.fromEntries(METRICS.map((m) => [m, { ...totals[m], ratio: ratio(totals[m]) }])),
    thresholds,
    below,
    uncovered,
    results,
  };
  const out = path.join(EVAL_DIR, "results");
  await mkdir(out, { recursive: true });
  const json = JSON.stringify(report, null, 2);
  await writeFile(path.join(out, `${report.at.replace(/[:.]/g, "-")}.json`), json);
  await writeFile(path.join(out, "latest.json"), json);
  console.log(`\nJSON: eval/results/latest.json`);
  if (uncovered.length) {
    console.log(`\nClasses without a case: ${uncovered.join("; ")}`);
    process.exitCode = 1;
  }
  if (below.length) {
    console.log(`\nBelow the thresholds (eval/thresholds.yaml): ${below.map((m) => `${LABELS[m]} ${pct(totals[m])} < ${(thresholds[m]! * 100).toFixed(1)}%`).join("; ")}`);
    process.exitCode = 1;
  } else if (!only.length && !uncovered.length) console.log("All totals at or above the thresholds, every class covered.");
}

await main();
process.exit(process.exitCode ?? 0);
