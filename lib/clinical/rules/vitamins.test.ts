import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../catalogue";
import type { Finding } from "../findings";
import { VITAMINS_GUIDANCE } from "../guidance/vitamins";
import { Panel, type PanelValue } from "../panel";
import type { PatientFacts } from "../patient";
import { SOURCES } from "../sources";
import { vitaminsRule } from "./vitamins";
import { expectWellFormed } from "./expect-finding";

const REF: Record<string, { low?: number; high?: number }> = {
  "vitamin-d-25-oh": { low: 30, high: 60 },
  "vitamin-b12": { low: 200, high: 800 },
  folate: { low: 1.8, high: 9 },
  hemoglobin: { low: 12, high: 16 },
  mcv: { low: 80, high: 98 },
};

function pv(code: string, value: number, ref = REF[code] ?? {}, extra: Partial<PanelValue> = {}): PanelValue {
  const bounded = ref.low !== undefined || ref.high !== undefined;
  const flag = ref.low !== undefined && value < ref.low ? "Low" : ref.high !== undefined && value > ref.high ? "High" : bounded ? "Normal" : null;
  return { code, kind: "catalogue", name: code, patientName: code, category: null, value, comparator: null, text: null, unit: CATALOGUE.find((d) => d.code === code)?.unit ?? "", flag, reference: bounded ? { ...ref, source: "lab" } : null, observedAt: null, derived: false, ...extra };
}

const run = (values: Record<string, number>, patient: PatientFacts = {}) => vitaminsRule(new Panel(Object.entries(values).map(([code, value]) => pv(code, value))), patient);
const only = (findings: Finding[]) => {
  expect(findings).toHaveLength(1);
  return findings[0];
};
const onMetformin: PatientFacts = { conditions: ["type 2 diabetes"], medications: ["metformin 1000 mg twice daily"] };

const JARGON = /\b(cobalamin|methylmalonic|megaloblastic|macrocytic|etiology|aetiology|insufficiency|you have)\b/i;


describe("vitaminsRule: vitamin D", () => {
  it.each([
    [11.9, "vitamin-d-below-12", "moderate"],
    [12, "vitamin-d-12-to-19", "moderate"],
    [19.9, "vitamin-d-12-to-19", "moderate"],
    [20, "vitamin-d-20-to-29", "borderline"],
    [29.9, "vitamin-d-20-to-29", "borderline"],
    [30, null, null],
    [45, null, null],
  ] as const)("25(OH)D %s ng/mL → %s", (d, band, severity) => {
    const findings = run({ "vitamin-d-25-oh": d });
    if (band === null) return expect(findings).toEqual([]);
    const f = only(findings);
    expect(f.id).toBe("vitamins.vitamin-d");
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toContain(band);
    expect(f.guidance.tags.includes("vitamin-d-below-20")).toBe(d < 20);
    expectWellFormed(f, "vitamins", JARGON);
  });

  it("says which source holds which threshold, and that the 2024 guideline endorses none", () => {
    const f = only(run({ "vitamin-d-25-oh": 24 }));
    expect(f.clinician[0].text).toBe(
      "25(OH)D 24 ng/mL (60 nmol/L): insufficiency by the Endocrine Society 2011 definition (21–29 ng/mL; target ≥ 30); sufficient by IOM 2011 (≥ 20 ng/mL).",
    );
    expect(f.clinician[1].sources).toEqual(["demayVitaminD2024"]);
    expect(f.patient[0].text).toContain("Experts disagree");
  });

  it("puts the IOM at-risk threshold first below 12 ng/mL", () => {
    expect(only(run({ "vitamin-d-25-oh": 8 })).clinician[0].text).toContain("< 12 ng/mL (30 nmol/L), at risk of deficiency (IOM 2011)");
  });
});

describe("vitaminsRule: B12 and folate", () => {
  it.each([
    [199, "b12-low", "moderate"],
    [200, "b12-borderline", "borderline"],
    [299, "b12-borderline", "borderline"],
    [300, null, null],
  ] as const)("B12 %s pg/mL → %s", (b12, tag, severity) => {
    const findings = run({ "vitamin-b12": b12 });
    if (tag === null) return expect(findings).toEqual([]);
    const f = only(findings);
    expect(f.id).toBe("vitamins.b12-folate");
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toEqual(["vitamins", tag]);
    expectWellFormed(f, "vitamins", JARGON);
  });

  it("points to MMA in the borderline zone", () => {
    const f = only(run({ "vitamin-b12": 250 }));
    expect(f.patient[0].text).toContain("MMA");
    expect(f.clinician[0].text).toContain("methylmalonic acid");
  });

  it("groups a low folate with a low B12 and warns against folic acid alone", () => {
    const f = only(run({ "vitamin-b12": 150, folate: 1.5 }));
    expect(f.guidance.tags).toEqual(["vitamins", "b12-low", "folate-low"]);
    expect(f.title).toBe("B12 150 pg/mL: low; folate 1.5 ng/mL: low");
    expect(f.clinician.at(-1)?.text).toContain("never folic acid alone");
    expectWellFormed(f, "vitamins", JARGON);
  });

  it.each([
    [1.7, true],
    [1.8, false],
  ])("folate %s ng/mL → low %s", (folate, low) => {
    expect(run({ folate }).length).toBe(low ? 1 : 0);
  });
});

describe("vitaminsRule: metformin", () => {
  it("adds the ADA note to a low or borderline B12", () => {
    const f = only(run({ "vitamin-b12": 240 }, onMetformin));
    expect(f.guidance.tags).toEqual(["vitamins", "b12-borderline", "metformin"]);
    expect(f.clinician.at(-1)?.sources).toEqual(["adaPharmacologic2025", "arodaMetforminB12_2016"]);
    expectWellFormed(f, "vitamins", JARGON);
  });

  it("says nothing when B12 on metformin is normal: that is the periodic check", () => {
    expect(run({ "vitamin-b12": 450, hemoglobin: 13 }, onMetformin)).toEqual([]);
  });

  it.each([
    [{ hemoglobin: 13.5 }, "info"],
    [{ hemoglobin: 10.8 }, "borderline"],
    [{ hemoglobin: 13.5, mcv: 104 }, "borderline"],
  ] as const)("suggests B12 on a blood count without it: %o → %s", (values, severity) => {
    const f = only(run(values, onMetformin));
    expect(f.id).toBe("vitamins.b12-metformin");
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toEqual(["vitamins", "metformin", "b12-missing"]);
    expectWellFormed(f, "vitamins", JARGON);
  });

  it("stays quiet on panels without a blood count, and for people not on metformin", () => {
    expect(run({ "vitamin-d-25-oh": 40 }, onMetformin)).toEqual([]);
    expect(run({ hemoglobin: 10.8 })).toEqual([]);
  });
});

describe("VITAMINS_GUIDANCE", () => {
  const scenarios: [Record<string, number>, PatientFacts][] = [
    [{ "vitamin-d-25-oh": 10 }, {}],
    [{ "vitamin-d-25-oh": 25 }, {}],
    [{ "vitamin-b12": 150, folate: 1.5 }, {}],
    [{ "vitamin-b12": 250 }, onMetformin],
    [{ hemoglobin: 11 }, onMetformin],
  ];
  const findings = scenarios.flatMap(([values, patient]) => run(values, patient));

  it.each(VITAMINS_GUIDANCE.map((c) => [c.id, c] as const))("%s: some finding carries all its tags", (_id, claim) => {
    expect(claim.requires[0]).toBe("vitamins");
    expect(SOURCES).toHaveProperty(claim.source);
    expect(findings.some((f) => claim.requires.every((tag) => f.guidance.tags.includes(tag)))).toBe(true);
  });
});
