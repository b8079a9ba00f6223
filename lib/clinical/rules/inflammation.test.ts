import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../catalogue";
import type { Finding } from "../findings";
import { INFLAMMATION_GUIDANCE } from "../guidance/inflammation";
import { Panel, type PanelValue } from "../panel";
import type { PatientFacts } from "../patient";
import { SOURCES } from "../sources";
import { hsCrpBand, inflammationRule, millerEsrLimit } from "./inflammation";
import { expectWellFormed } from "./expect-finding";

const REF: Record<string, { low?: number; high?: number }> = {
  crp: { high: 8 },
  "hs-crp": { high: 3 },
  esr: { low: 0, high: 20 },
};

function pv(code: string, value: number, ref = REF[code] ?? {}, extra: Partial<PanelValue> = {}): PanelValue {
  const bounded = ref.low !== undefined || ref.high !== undefined;
  const flag = ref.low !== undefined && value < ref.low ? "Low" : ref.high !== undefined && value > ref.high ? "High" : bounded ? "Normal" : null;
  return { code, kind: "catalogue", name: code, patientName: code, category: null, value, comparator: null, text: null, unit: CATALOGUE.find((d) => d.code === code)?.unit ?? "", flag, reference: bounded ? { ...ref, source: "lab" } : null, observedAt: null, derived: false, ...extra };
}

const run = (values: Record<string, number>, patient: PatientFacts = {}) => inflammationRule(new Panel(Object.entries(values).map(([code, value]) => pv(code, value))), patient);
const only = (findings: Finding[]) => {
  expect(findings).toHaveLength(1);
  return findings[0];
};

const JARGON = /\b(acute-phase|nonspecific|cardiovascular|etiology|aetiology|you have)\b/i;


describe("inflammationRule: hs-CRP bands (AHA/CDC 2003)", () => {
  it.each([
    [0.9, "hs-crp-low-risk", "info"],
    [1, "hs-crp-average-risk", "info"],
    [3, "hs-crp-average-risk", "info"],
    [3.1, "hs-crp-high-risk", "borderline"],
    [10, "hs-crp-high-risk", "borderline"],
    [10.1, "hs-crp-above-10", "moderate"],
  ] as const)("hs-CRP %s mg/L → %s", (value, band, severity) => {
    expect(hsCrpBand(value)).toBe(band);
    const f = only(run({ "hs-crp": value }));
    expect(f.id).toBe("inflammation.hs-crp");
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toEqual(["inflammation", "hs-crp", band]);
    expectWellFormed(f, "inflammation", JARGON);
  });

  it("asks for a repeat and a search for infection above 10 mg/L", () => {
    const f = only(run({ "hs-crp": 24 }));
    expect(f.clinician[0].text).toContain("repeat, and look for an infectious or inflammatory source");
    expect(f.patient[0].text).toContain("infection");
  });

  it("recommends averaging two measurements within the risk bands", () => {
    expect(only(run({ "hs-crp": 2.2 })).clinician[1].text).toContain("average of two measurements");
  });
});

describe("inflammationRule: CRP and ESR", () => {
  it.each([
    [8, null, null],
    [8.1, "borderline", ["inflammation", "crp-high"]],
    [10, "borderline", ["inflammation", "crp-high"]],
    [10.1, "moderate", ["inflammation", "crp-high", "crp-above-10"]],
  ] as const)("CRP %s mg/L (ULN 8) → %s", (crp, severity, tags) => {
    const findings = run({ crp });
    if (severity === null) return expect(findings).toEqual([]);
    const f = only(findings);
    expect(f.id).toBe("inflammation.acute-phase");
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toEqual(tags);
    expectWellFormed(f, "inflammation", JARGON);
  });

  it("computes Miller's limits", () => {
    expect(millerEsrLimit(60, "female")).toBe(35);
    expect(millerEsrLimit(50, "male")).toBe(25);
  });

  it.each([
    [{ sex: "female", age: 60 }, 35, "esr-within-age-limit", "info"],
    [{ sex: "female", age: 60 }, 36, "esr-high", "borderline"],
    [{ sex: "male", age: 50 }, 25, "esr-within-age-limit", "info"],
    [{ sex: "male", age: 50 }, 26, "esr-high", "borderline"],
    [{ sex: "female" }, 25, "esr-high", "borderline"],
  ] as const)("%o, ESR %s mm/h (lab ULN 20) → %s", (patient, esr, tag, severity) => {
    const f = only(run({ esr }, patient));
    expect(f.guidance.tags).toEqual(["inflammation", tag]);
    expect(f.severity).toBe(severity);
    expectWellFormed(f, "inflammation", JARGON);
  });

  it("shows the age adjustment in the clinician text", () => {
    expect(only(run({ esr: 40 }, { sex: "female", age: 60 })).clinician[0].text).toBe(
      "ESR 40 mm/h > age/sex-adjusted ULN 35 mm/h (Miller: (age + 10)/2 = (60 + 10)/2): raised.",
    );
  });

  it("says nothing for an ESR within the lab's range and the age limit", () => {
    expect(run({ esr: 12 }, { sex: "male", age: 40 })).toEqual([]);
  });

  it("groups CRP and ESR into one finding, apart from hs-CRP", () => {
    const findings = run({ crp: 45, esr: 60, "hs-crp": 1.5 }, { sex: "male", age: 70 });
    expect(findings.map((f) => f.id)).toEqual(["inflammation.hs-crp", "inflammation.acute-phase"]);
    expect(findings[1].guidance.tags).toEqual(["inflammation", "crp-high", "crp-above-10", "esr-high"]);
    expect(findings[1].analytes).toEqual(["crp", "esr"]);
  });
});

describe("INFLAMMATION_GUIDANCE", () => {
  const scenarios: [Record<string, number>, PatientFacts][] = [
    [{ "hs-crp": 2 }, {}],
    [{ "hs-crp": 14 }, {}],
    [{ crp: 40, esr: 50 }, { sex: "female", age: 40 }],
    [{ esr: 30 }, { sex: "female", age: 70 }],
  ];
  const findings = scenarios.flatMap(([values, patient]) => run(values, patient));

  it.each(INFLAMMATION_GUIDANCE.map((c) => [c.id, c] as const))("%s: some finding carries all its tags", (_id, claim) => {
    expect(claim.requires[0]).toBe("inflammation");
    expect(SOURCES).toHaveProperty(claim.source);
    expect(findings.some((f) => claim.requires.every((tag) => f.guidance.tags.includes(tag)))).toBe(true);
  });
});
