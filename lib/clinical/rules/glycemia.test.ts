import { describe, expect, it } from "vitest";
import type { Finding } from "../findings";
import { guidanceFor } from "../guidance";
import { GLYCEMIA_GUIDANCE } from "../guidance/glycemia";
import { Panel, type HistoryPoint, type PanelValue } from "../panel";
import type { PatientFacts } from "../patient";
import { readingGrade } from "../narrative/readability";
import { SOURCES } from "../sources";
import { glycemiaRule } from "./glycemia";

const UNITS: Record<string, string> = { hba1c: "%", glucose: "mg/dL", "glucose-fasting": "mg/dL" };

function pv(code: string, value: number, extra: Partial<PanelValue> = {}): PanelValue {
  return {
    code,
    kind: "catalogue",
    name: code,
    patientName: code,
    category: null,
    value,
    comparator: null,
    text: null,
    unit: UNITS[code] ?? "mg/dL",
    flag: null,
    reference: null,
    observedAt: new Date("2025-03-01T00:00:00Z"),
    derived: false,
    ...extra,
  };
}

const panel = (values: Record<string, number>, history: Record<string, HistoryPoint[]> = {}) =>
  new Panel(
    Object.entries(values).map(([code, value]) => pv(code, value)),
    new Map(Object.entries(history)),
  );

const run = (values: Record<string, number>, patient: PatientFacts = {}, history: Record<string, HistoryPoint[]> = {}) => glycemiaRule(panel(values, history), patient);

const DIABETES: PatientFacts = { conditions: ["type 2 diabetes"] };
const PREGNANT: PatientFacts = { sex: "female", conditions: ["pregnant, 20 weeks"] };
const allText = (f: Finding) => [f.title, f.patientTitle, f.ask ?? "", ...f.patient.map((s) => s.text), ...f.clinician.map((s) => s.text)].join(" ");

describe("glycemia: HbA1c thresholds (ADA Section 2)", () => {
  it.each([
    [5.6, null, null],
    [5.7, "glycemia.prediabetes-range", "moderate"],
    [6.4, "glycemia.prediabetes-range", "moderate"],
    [6.5, "glycemia.diabetes-range", "high"],
    [9.5, "glycemia.diabetes-range", "high"],
  ])("HbA1c %s%% → %s", (a1c, id, severity) => {
    const findings = run({ hba1c: a1c });
    if (id === null) return expect(findings).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0].id).toBe(id);
    expect(findings[0].severity).toBe(severity);
    expect(findings[0].analytes).toEqual(["hba1c"]);
  });
});

describe("glycemia: fasting glucose thresholds", () => {
  it.each([
    [99, null, null],
    [100, "glycemia.prediabetes-range", "moderate"],
    [125, "glycemia.prediabetes-range", "moderate"],
    [126, "glycemia.diabetes-range", "high"],
  ])("FPG %s mg/dL → %s", (fpg, id, severity) => {
    const findings = run({ "glucose-fasting": fpg });
    if (id === null) return expect(findings).toEqual([]);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([[id, severity]]);
  });
});

describe("glycemia: plain (random) glucose", () => {
  it.each([[99], [126], [180], [199]])("%s mg/dL gives no diagnostic statement", (glucose) => {
    expect(run({ glucose })).toEqual([]);
  });

  it("≥ 200 mg/dL is the diabetes range only with symptoms", () => {
    const [f] = run({ glucose: 200 });
    expect(f.id).toBe("glycemia.diabetes-range");
    expect(f.guidance.tags).toEqual(expect.arrayContaining(["random-glucose-200", "confirmation-needed"]));
    expect(f.clinician.map((s) => s.text).join(" ")).toMatch(/classic symptoms/);
    expect(f.title).toMatch(/if symptomatic/);
  });

  it("a fasting glucose is never read as random", () => {
    expect(run({ "glucose-fasting": 110 })[0].guidance.tags).not.toContain("random-glucose-200");
  });
});

describe("glycemia: confirmation", () => {
  it("one test in the diabetes range needs confirmation", () => {
    const [f] = run({ hba1c: 6.8 });
    expect(f.guidance.tags).toContain("confirmation-needed");
    expect(f.guidance.tags).not.toContain("confirmed");
    expect(f.clinician[1].text).toMatch(/second abnormal result/);
    expect(f.title).toMatch(/unconfirmed/);
  });

  it("HbA1c and fasting glucose both in the diabetes range: two different tests agree", () => {
    const [f] = run({ hba1c: 6.8, "glucose-fasting": 131 });
    expect(f.guidance.tags).toContain("confirmed");
    expect(f.title).toMatch(/two tests agree/);
    expect(f.clinician[1].text).toMatch(/Two different tests \(HbA1c and FPG\).*confirms the diagnosis/);
    expect(f.patient.map((s) => s.text).join(" ")).toMatch(/Two different blood sugar tests/);
    expect(f.analytes).toEqual(["hba1c", "glucose-fasting"]);
  });

  it("discordant tests: repeat the one above the cut point", () => {
    const [f] = run({ hba1c: 6.8, "glucose-fasting": 110 });
    expect(f.id).toBe("glycemia.diabetes-range");
    expect(f.guidance.tags).toEqual(expect.arrayContaining(["discordant", "confirmation-needed"]));
    expect(f.clinician[1].text).toMatch(/Discordant: FPG 110 mg\/dL/);
  });

  it("an earlier result of the same test in range confirms", () => {
    const [f] = run({ hba1c: 6.8 }, {}, { hba1c: [{ value: 6.6, observedAt: new Date("2024-11-02T00:00:00Z") }] });
    expect(f.guidance.tags).toContain("confirmed");
    expect(f.clinician[1].text).toMatch(/Earlier HbA1c 6\.6% \(2024-11-02\)/);
  });

  it("an earlier result below the threshold does not", () => {
    const [f] = run({ hba1c: 6.8 }, {}, { hba1c: [{ value: 6.2, observedAt: null }] });
    expect(f.guidance.tags).toContain("confirmation-needed");
  });

  it("prediabetes with a normal second test still reports both", () => {
    const [f] = run({ hba1c: 5.9, "glucose-fasting": 92 });
    expect(f.id).toBe("glycemia.prediabetes-range");
    expect(f.clinician[0].text).toMatch(/FPG 92 mg\/dL \(< 100 mg\/dL\)/);
  });

  it("a recorded prediabetes is not diabetes", () => {
    expect(run({ hba1c: 6.0 }, { conditions: ["prediabetes"] })[0].id).toBe("glycemia.prediabetes-range");
  });
});

describe("glycemia: known diabetes (ADA Section 6 goal)", () => {
  it.each([
    [6.9, "info", "a1c-at-goal"],
    [7.0, "moderate", "a1c-above-goal"],
    [8.9, "moderate", "a1c-above-goal"],
    [9.0, "high", "a1c-above-goal"],
  ])("HbA1c %s%% → %s", (a1c, severity, tag) => {
    const findings = run({ hba1c: a1c, "glucose-fasting": 150 }, DIABETES);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.id).toBe("glycemia.a1c-goal");
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toEqual(expect.arrayContaining(["glycemia", "diabetes-known", tag]));
    expect(allText(f)).not.toMatch(/diabetes range/i);
    expect(f.clinician[0].text).toMatch(/individualised/);
  });

  it("without HbA1c, glucose alone gives no diagnostic statement", () => {
    expect(run({ "glucose-fasting": 160, glucose: 250 }, DIABETES)).toEqual([]);
  });
});

describe("glycemia: pregnancy", () => {
  it("reports the values ungraded and says thresholds differ", () => {
    const findings = run({ hba1c: 6.8, "glucose-fasting": 131 }, PREGNANT);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.id).toBe("glycemia.pregnancy");
    expect(f.severity).toBe("info");
    expect(f.guidance.tags).toEqual(expect.arrayContaining(["glycemia", "pregnancy"]));
    expect(allText(f)).not.toMatch(/diabetes range|prediabetes range|at goal|above the common goal/i);
    expect(f.patient[0].text).toMatch(/different blood sugar tests and numbers/);
  });

  it("pregnancy wins over known diabetes", () => {
    expect(run({ hba1c: 7.5 }, { conditions: ["type 1 diabetes", "pregnancy"] })[0].id).toBe("glycemia.pregnancy");
  });

  it("nothing to report without glycaemic values", () => {
    expect(run({ glucose: 90 }, PREGNANT)).toEqual([]);
  });
});

// Every way the rule can fire, for the checks that span all findings.
const SCENARIOS: Finding[] = [
  run({ hba1c: 5.9 }),
  run({ "glucose-fasting": 110 }),
  run({ hba1c: 6.8 }),
  run({ hba1c: 6.8, "glucose-fasting": 131 }),
  run({ hba1c: 6.8, "glucose-fasting": 110 }),
  run({ hba1c: 6.8 }, {}, { hba1c: [{ value: 6.9, observedAt: null }] }),
  run({ glucose: 240 }),
  run({ hba1c: 5.8, glucose: 230 }),
  run({ hba1c: 6.5 }, DIABETES),
  run({ hba1c: 7.4 }, DIABETES),
  run({ hba1c: 10.2 }, DIABETES),
  run({ hba1c: 6.1, "glucose-fasting": 96 }, PREGNANT),
  run({ glucose: 210 }, PREGNANT),
].flat();

const BANNED = /\bhyper\w+|\bhypo\w+|dyslipid|ascvd|statin intensity|risk-enhancing|etiology|\bdiagnosed\b|you have (?:pre)?diabetes/i;

describe("glycemia: wording and sources", () => {
  it("patient sentences avoid jargon and diagnosis", () => {
    for (const f of SCENARIOS) {
      for (const s of [f.patientTitle, f.ask ?? "", ...f.patient.map((p) => p.text)]) expect(s).not.toMatch(BANNED);
      expect(f.ask).toBeTruthy();
    }
  });

  it("patient sentences read at grade 8 or below", () => {
    for (const f of SCENARIOS) expect(readingGrade(f.patient.map((s) => s.text).join(" ")).grade).toBeLessThanOrEqual(8);
  });

  it("every statement cites a known source", () => {
    for (const f of SCENARIOS) {
      for (const s of [...f.patient, ...f.clinician]) {
        expect(s.sources.length).toBeGreaterThan(0);
        for (const key of s.sources) expect(SOURCES).toHaveProperty(key);
      }
      expect(f.guidance.tags[0]).toBe("glycemia");
    }
  });
});

describe("glycemia guidance", () => {
  it("has 5–10 claims with unique ids, known sources and the domain tag first", () => {
    expect(GLYCEMIA_GUIDANCE.length).toBeGreaterThanOrEqual(5);
    expect(GLYCEMIA_GUIDANCE.length).toBeLessThanOrEqual(10);
    expect(new Set(GLYCEMIA_GUIDANCE.map((c) => c.id)).size).toBe(GLYCEMIA_GUIDANCE.length);
    for (const claim of GLYCEMIA_GUIDANCE) {
      expect(SOURCES).toHaveProperty(claim.source);
      expect(claim.requires[0]).toBe("glycemia");
    }
  });

  it.each(GLYCEMIA_GUIDANCE.map((c) => [c.id, c.requires] as const))("%s can follow some finding", (_id, requires) => {
    expect(SCENARIOS.some((f) => requires.every((tag) => f.guidance.tags.includes(tag)))).toBe(true);
  });
});

describe("glycaemia with diabetes known from the medication list", () => {
  const panel = new Panel([pv("hba1c", 7.2), pv("glucose-fasting", 142)]);
  const text = (findings: Finding[]) => findings.flatMap((f) => [f.title, ...f.patient.map((s) => s.text), ...f.clinician.map((s) => s.text)]).join(" ");

  it("reads an insulin-treated patient's results against the goal, never as confirming a diagnosis", () => {
    const findings = glycemiaRule(panel, { medications: ["Insulin glargine 20 units at night"] });
    expect(findings.map((f) => f.id)).toEqual(["glycemia.a1c-goal"]);
    expect(text(findings)).not.toMatch(/confirm|diagnos/i);
    expect(text(findings)).toMatch(/goal/);
    expect(findings.flatMap((f) => guidanceFor(f, 10).map((c) => c.text)).join(" ")).not.toMatch(/confirm|diagnos/i);
  });

  it("does the same with a recorded condition written in capitals", () => {
    expect(glycemiaRule(panel, { conditions: ["Diabetes mellitus type 2 (disorder)"] }).map((f) => f.id)).toEqual(["glycemia.a1c-goal"]);
  });

  it("does not take metformin alone, or diabetes insipidus, as known diabetes", () => {
    const onMetformin = glycemiaRule(panel, { medications: ["metformin 500 mg"] });
    expect(onMetformin.map((f) => f.id)).toEqual(["glycemia.diabetes-range"]);
    expect(text(onMetformin)).toMatch(/Metformin in the medication list, no diabetes recorded: if diabetes is already diagnosed/);
    expect(glycemiaRule(panel, { conditions: ["diabetes insipidus"] }).map((f) => f.id)).toEqual(["glycemia.diabetes-range"]);
  });
});
