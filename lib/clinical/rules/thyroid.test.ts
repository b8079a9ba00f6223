import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../catalogue";
import type { Finding } from "../findings";
import { THYROID_GUIDANCE } from "../guidance/thyroid";
import { Panel, type PanelValue } from "../panel";
import type { PatientFacts } from "../patient";
import { SOURCES } from "../sources";
import { thyroidRule } from "./thyroid";
import { expectWellFormed } from "./expect-finding";

const REF: Record<string, { low?: number; high?: number }> = {
  tsh: { low: 0.45, high: 4.12 },
  "free-t4": { low: 0.8, high: 1.8 },
  "free-t3": { low: 2.3, high: 4.2 },
};

function pv(code: string, value: number, ref = REF[code] ?? {}, extra: Partial<PanelValue> = {}): PanelValue {
  const bounded = ref.low !== undefined || ref.high !== undefined;
  const flag = ref.low !== undefined && value < ref.low ? "Low" : ref.high !== undefined && value > ref.high ? "High" : bounded ? "Normal" : null;
  return { code, kind: "catalogue", name: code, patientName: code, category: null, value, comparator: null, text: null, unit: CATALOGUE.find((d) => d.code === code)?.unit ?? "", flag, reference: bounded ? { ...ref, source: "lab" } : null, observedAt: null, derived: false, ...extra };
}

const run = (values: Record<string, number>, patient: PatientFacts = { sex: "female", age: 50 }) =>
  thyroidRule(new Panel(Object.entries(values).map(([code, value]) => pv(code, value))), patient);
const only = (findings: Finding[]) => {
  expect(findings).toHaveLength(1);
  return findings[0];
};

const JARGON = /\b(microcytic|macrocytic|hepatocellular|cholestatic|euthyroid|subclinical|etiology|aetiology|thyrotoxicosis|you have)\b/i;


describe("thyroidRule: TSH with free T4", () => {
  it.each([
    [{ tsh: 12, "free-t4": 0.5 }, "thyroid.primary-hypothyroid-pattern", "high", "tsh-10-or-more"],
    [{ tsh: 9.9, "free-t4": 1.2 }, "thyroid.subclinical-hypothyroid-pattern", "borderline", "tsh-below-10"],
    [{ tsh: 10, "free-t4": 1.2 }, "thyroid.subclinical-hypothyroid-pattern", "moderate", "tsh-10-or-more"],
    [{ tsh: 4.13, "free-t4": 1.2 }, "thyroid.subclinical-hypothyroid-pattern", "borderline", "tsh-below-10"],
    [{ tsh: 0.09, "free-t4": 1.2 }, "thyroid.subclinical-hyperthyroid-pattern", "moderate", "tsh-below-0.1"],
    [{ tsh: 0.1, "free-t4": 1.2 }, "thyroid.subclinical-hyperthyroid-pattern", "borderline", "tsh-0.1-or-more"],
    [{ tsh: 0.44, "free-t4": 1.2, "free-t3": 3 }, "thyroid.subclinical-hyperthyroid-pattern", "borderline", "tsh-0.1-or-more"],
    [{ tsh: 0.01, "free-t4": 2.9 }, "thyroid.hyperthyroid-pattern", "high", "tsh-below-0.1"],
    [{ tsh: 0.05, "free-t4": 1.6, "free-t3": 5.1 }, "thyroid.hyperthyroid-pattern", "high", "tsh-below-0.1"],
    [{ tsh: 0.2, "free-t4": 0.6 }, "thyroid.central-pattern", "moderate", "central-pattern"],
    [{ tsh: 2.1, "free-t4": 0.6 }, "thyroid.central-pattern", "moderate", "central-pattern"],
    [{ tsh: 6, "free-t4": 2.4 }, "thyroid.discordant-pattern", "moderate", "discordant-pattern"],
    [{ tsh: 2.1, "free-t4": 2.4 }, "thyroid.discordant-pattern", "borderline", "discordant-pattern"],
    [{ tsh: 11 }, "thyroid.tsh-without-ft4", "moderate", "ft4-missing"],
    [{ tsh: 6 }, "thyroid.tsh-without-ft4", "borderline", "tsh-below-10"],
    [{ tsh: 0.05 }, "thyroid.tsh-without-ft4", "moderate", "tsh-below-0.1"],
    [{ "free-t4": 0.5 }, "thyroid.tsh-missing", "borderline", "ft4-low"],
  ] as const)("%o → %s (%s)", (values, id, severity, tag) => {
    const f = only(run(values));
    expect(f.id).toBe(id);
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toContain(tag);
    expectWellFormed(f, "thyroid", JARGON);
  });

  it.each([
    [{ tsh: 4.12, "free-t4": 1.2 }],
    [{ tsh: 0.45, "free-t4": 1.8 }],
    [{ tsh: 2 }],
    [{ "free-t4": 1.2 }],
    [{}],
  ])("%o → nothing", (values) => {
    expect(run(values)).toEqual([]);
  });

  it("reads high and low from the lab's own range", () => {
    const panel = new Panel([pv("tsh", 4.5, { low: 0.4, high: 5.0 }), pv("free-t4", 1.2)]);
    expect(thyroidRule(panel, {})).toEqual([]);
  });

  it("keeps the lab's comparator in the clinician text", () => {
    const panel = new Panel([pv("tsh", 0.01, REF.tsh, { comparator: "<" }), pv("free-t4", 3.1)]);
    const f = only(thyroidRule(panel, {}));
    expect(f.clinician[0].text).toContain("TSH < 0.01 mIU/L (ref 0.45–4.12)");
  });

  it("names the threshold that matters in subclinical hypothyroidism", () => {
    expect(only(run({ tsh: 10, "free-t4": 1.2 })).clinician[0].text).toContain("≥ 10 mIU/L, where treatment is considered");
    expect(only(run({ tsh: 7, "free-t4": 1.2 })).clinician[0].text).toContain("< 10 mIU/L, where treatment is individualised");
  });

  it("notes a missing FT3 in subclinical hyperthyroidism", () => {
    expect(only(run({ tsh: 0.2, "free-t4": 1.2 })).clinician[0].text).toContain("FT3 not measured");
  });
});

describe("thyroidRule: thyroid hormone treatment and biotin", () => {
  const onLt4: PatientFacts = { sex: "female", age: 50, medications: ["levothyroxine 100 mcg daily"] };

  it.each([
    [{ tsh: 8, "free-t4": 1.1 }, "thyroid.replacement-tsh-high", "borderline", "lt4-tsh-high"],
    [{ tsh: 14, "free-t4": 0.7 }, "thyroid.replacement-tsh-high", "moderate", "lt4-tsh-high"],
    [{ tsh: 0.3, "free-t4": 1.7 }, "thyroid.replacement-tsh-low", "borderline", "lt4-tsh-low"],
    [{ tsh: 0.05, "free-t4": 1.9 }, "thyroid.replacement-tsh-low", "moderate", "tsh-below-0.1"],
    [{ tsh: 2, "free-t4": 0.6 }, "thyroid.replacement-ft4-low", "borderline", "central-pattern"],
    [{ "free-t4": 2.2 }, "thyroid.tsh-missing", "borderline", "ft4-high"],
  ] as const)("on levothyroxine %o → %s", (values, id, severity, tag) => {
    const f = only(run(values, onLt4));
    expect(f.id).toBe(id);
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags.slice(0, 2)).toEqual(["thyroid", "levothyroxine"]);
    expect(f.guidance.tags).toContain(tag);
    expect(f.patient[0].text).toContain("thyroid hormone medicine");
    expectWellFormed(f, "thyroid", JARGON);
  });

  it("speaks of the dose rather than of the gland", () => {
    const f = only(run({ tsh: 0.05, "free-t4": 2.5 }, { medications: ["synthroid 75 mcg"] }));
    expect(f.title).toContain("possible over-replacement");
    expect(f.clinician[0].text).toContain("unless TSH suppression is intended");
  });

  it("says nothing when the dose looks right", () => {
    expect(run({ tsh: 1.5, "free-t4": 1.4 }, onLt4)).toEqual([]);
  });

  it("adds the biotin warning to the finding", () => {
    const f = only(run({ tsh: 0.02, "free-t4": 2.6 }, { medications: ["biotin 10 mg"] }));
    expect(f.guidance.tags).toContain("biotin");
    expect(f.patient.at(-1)?.text).toContain("biotin");
    expect(f.clinician.at(-1)?.sources).toEqual(["fdaBiotinInterference"]);
    expectWellFormed(f, "thyroid", JARGON);
  });

  it("does not mention biotin when it is not taken", () => {
    expect(only(run({ tsh: 0.02, "free-t4": 2.6 })).guidance.tags).not.toContain("biotin");
  });
});

describe("THYROID_GUIDANCE", () => {
  const scenarios: [Record<string, number>, PatientFacts][] = [
    [{ tsh: 12, "free-t4": 1.2 }, {}],
    [{ tsh: 6, "free-t4": 1.2 }, {}],
    [{ tsh: 0.05, "free-t4": 1.2 }, {}],
    [{ tsh: 0.2, "free-t4": 1.2 }, {}],
    [{ tsh: 0.01, "free-t4": 3 }, { medications: ["biotin"] }],
    [{ tsh: 1, "free-t4": 0.5 }, {}],
    [{ tsh: 9, "free-t4": 1 }, { medications: ["levothyroxine"] }],
  ];
  const findings = scenarios.flatMap(([values, patient]) => run(values, patient));

  it.each(THYROID_GUIDANCE.map((c) => [c.id, c] as const))("%s: some finding carries all its tags", (_id, claim) => {
    expect(claim.requires[0]).toBe("thyroid");
    expect(SOURCES).toHaveProperty(claim.source);
    expect(findings.some((f) => claim.requires.every((tag) => f.guidance.tags.includes(tag)))).toBe(true);
  });
});
