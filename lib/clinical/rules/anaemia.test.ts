import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../catalogue";
import { guidanceFor } from "../guidance";
import type { Finding } from "../findings";
import { ANAEMIA_GUIDANCE } from "../guidance/anaemia";
import { Panel, type PanelValue } from "../panel";
import type { PatientFacts } from "../patient";
import { SOURCES } from "../sources";
import { anaemiaRule } from "./anaemia";
import { expectWellFormed } from "./expect-finding";

const REF: Record<string, { low?: number; high?: number }> = {
  hemoglobin: { low: 12, high: 16 },
  mcv: { low: 80, high: 98 },
  ferritin: { low: 24, high: 307 },
  "transferrin-saturation": { low: 20, high: 50 },
  "vitamin-b12": { low: 200, high: 800 },
  folate: { low: 1.8, high: 9 },
  crp: { high: 8 },
};

/** A panel value flagged against its range, as the pipeline would hand it over. */
function pv(code: string, value: number, ref = REF[code] ?? {}, extra: Partial<PanelValue> = {}): PanelValue {
  const bounded = ref.low !== undefined || ref.high !== undefined;
  const flag = ref.low !== undefined && value < ref.low ? "Low" : ref.high !== undefined && value > ref.high ? "High" : bounded ? "Normal" : null;
  return { code, kind: "catalogue", name: code, patientName: code, category: null, value, comparator: null, text: null, unit: CATALOGUE.find((d) => d.code === code)?.unit ?? "", flag, reference: bounded ? { ...ref, source: "lab" } : null, observedAt: null, derived: false, ...extra };
}

const panelOf = (values: Record<string, number>) => new Panel(Object.entries(values).map(([code, value]) => pv(code, value)));
const run = (values: Record<string, number>, patient: PatientFacts = { sex: "female", age: 40 }) => anaemiaRule(panelOf(values), patient);
const only = (findings: Finding[]) => {
  expect(findings).toHaveLength(1);
  return findings[0];
};

const JARGON = /\b(microcytic|macrocytic|normocytic|hepatocellular|cholestatic|euthyroid|subclinical|etiology|aetiology|ferritin saturation|you have)\b/i;


describe("anaemiaRule: WHO 2024 cut-offs by sex", () => {
  it.each([
    ["female", 11.9, "anaemia-mild"],
    ["female", 12.0, null],
    ["male", 12.9, "anaemia-mild"],
    ["male", 13.0, null],
    ["female", 11.0, "anaemia-mild"],
    ["female", 10.9, "anaemia-moderate"],
    ["male", 8.0, "anaemia-moderate"],
    ["male", 7.9, "anaemia-severe"],
  ] as const)("%s Hb %s g/dL → %s", (sex, hb, band) => {
    const findings = run({ hemoglobin: hb }, { sex, age: 40 });
    if (band === null) return expect(findings).toEqual([]);
    const f = only(findings);
    expect(f.id).toBe("anaemia.low-haemoglobin");
    expect(f.guidance.tags).toContain(band);
    expect(f.severity).toBe(band === "anaemia-mild" ? "moderate" : "high");
    expectWellFormed(f, "anaemia", JARGON);
  });

  it("shows the cut-off and the band in the clinician text", () => {
    const f = only(run({ hemoglobin: 11.2 }, { sex: "male", age: 60 }));
    expect(f.clinician[0].text).toContain("13.0 g/dL");
    expect(f.clinician[0].text).toContain("mild anaemia by WHO band (11.0–12.9 g/dL)");
    expect(f.patient[0].text).toContain("For men, doctors use 13.0");
  });
});

describe("anaemiaRule: unknown sex, pregnancy, children", () => {
  it.each([
    [12.5, "Low", true],
    [12.5, "Normal", false],
    [11.9, "Normal", true],
  ] as const)("sex unknown, Hb %s flagged %s → anaemic %s", (hb, flag, anaemic) => {
    const findings = anaemiaRule(new Panel([pv("hemoglobin", hb, REF.hemoglobin, { flag })]), { age: 40 });
    expect(findings.length).toBe(anaemic ? 1 : 0);
    if (anaemic) {
      expect(findings[0].guidance.tags).toContain("sex-unknown");
      expect(findings[0].patient[0].text).toContain("12.0 for women and 13.0 for men");
      expectWellFormed(findings[0], "anaemia", JARGON);
    }
  });

  it("uses the lab's flag alone between the two cut-offs", () => {
    const f = only(anaemiaRule(new Panel([pv("hemoglobin", 12.5, REF.hemoglobin, { flag: "Low" })]), {}));
    expect(f.guidance.tags).toContain("anaemia-mild");
    expect(f.clinician[0].text).toContain("the lab flags it low");
  });

  it.each([
    [10.9, true],
    [11.0, false],
  ])("pregnancy: Hb %s → anaemic %s (cut-off 11.0, 10.5 in the 2nd trimester)", (hb, anaemic) => {
    const findings = run({ hemoglobin: hb }, { sex: "female", age: 30, conditions: ["pregnant, 24 weeks"] });
    expect(findings.length).toBe(anaemic ? 1 : 0);
    if (anaemic) {
      expect(findings[0].guidance.tags).toEqual(expect.arrayContaining(["pregnancy", "anaemia-mild"]));
      expect(findings[0].clinician[0].text).toContain("2nd trimester the cut-off is 10.5");
    }
  });

  it("does not apply the pregnancy cut-off to a man", () => {
    expect(only(run({ hemoglobin: 12.5 }, { sex: "male", age: 30, conditions: ["pregnancy"] })).guidance.tags).not.toContain("pregnancy");
  });

  it("uses the lab's flag under 15 years", () => {
    expect(anaemiaRule(new Panel([pv("hemoglobin", 11.6, { low: 11.5, high: 15.5 })]), { sex: "female", age: 10 })).toEqual([]);
    const f = only(anaemiaRule(new Panel([pv("hemoglobin", 11.0, { low: 11.5, high: 15.5 })]), { sex: "female", age: 10 }));
    expect(f.guidance.tags).toEqual(expect.arrayContaining(["age-under-15", "anaemia-lab-flag"]));
  });
});

describe("anaemiaRule: red cell size", () => {
  it.each([
    [79, "microcytic"],
    [80, "normocytic"],
    [100, "normocytic"],
    [101, "macrocytic"],
  ])("MCV %s fL → %s", (mcv, size) => {
    const f = only(run({ hemoglobin: 10, mcv }));
    expect(f.guidance.tags).toContain(size);
    expect(f.title).toContain(size);
    expectWellFormed(f, "anaemia", JARGON);
  });

  it("asks for B12 and folate with large cells, and quotes them when measured", () => {
    const without = only(run({ hemoglobin: 10, mcv: 110 }));
    expect(without.guidance.tags).toContain("b12-folate-missing");
    expect(without.clinician[1].text).toContain("Measure serum B12 and folate");
    const withBoth = only(run({ hemoglobin: 10, mcv: 110, "vitamin-b12": 150, folate: 6 }));
    expect(withBoth.guidance.tags).not.toContain("b12-folate-missing");
    expect(withBoth.clinician[1].text).toContain("B12 150 pg/mL, folate 6 ng/mL");
  });

  it("says when MCV is missing", () => {
    expect(only(run({ hemoglobin: 10 })).guidance.tags).toContain("mcv-missing");
  });
});

describe("anaemiaRule: iron studies", () => {
  it.each([
    [{ ferritin: 44.9 }, "iron-deficiency-pattern"],
    [{ ferritin: 45 }, "iron-not-low"],
    [{ ferritin: 45, "transferrin-saturation": 25 }, "iron-not-low"],
    [{ ferritin: 45, "transferrin-saturation": 15 }, "inflammation-pattern"],
    [{ ferritin: 300, "transferrin-saturation": 12 }, "inflammation-pattern"],
    [{}, "ferritin-missing"],
  ] as const)("%o → %s", (iron, tag) => {
    const f = only(run({ hemoglobin: 10.5, mcv: 76, ...iron }));
    expect(f.guidance.tags).toContain(tag);
    expectWellFormed(f, "anaemia", JARGON);
  });

  it("states the AGA cut-off and the calculation", () => {
    const f = only(run({ hemoglobin: 10.5, mcv: 72, ferritin: 8, "transferrin-saturation": 6 }));
    expect(f.title).toBe("Hb 10.5 g/dL: moderate microcytic anaemia, iron deficiency pattern");
    expect(f.clinician.map((s) => s.text)).toContain("Ferritin 8 ng/mL (< 45 ng/mL, AGA cut-off in anaemia): iron deficiency pattern; TSAT 6%.");
    expect(f.patient.map((s) => s.text).join(" ")).toContain("ferritin, a measure of stored iron");
  });

  it("warns that inflammation raises ferritin when CRP is high", () => {
    const f = only(run({ hemoglobin: 10.5, ferritin: 80, crp: 30 }));
    expect(f.clinician.at(-1)?.text).toContain("inflammation raises ferritin");
  });
});

describe("anaemiaRule: low iron stores without anaemia", () => {
  it.each([
    [14.9, "moderate", "ferritin-below-15"],
    [15, "borderline", "ferritin-below-range"],
    [23.9, "borderline", "ferritin-below-range"],
    [24, null, null],
  ] as const)("ferritin %s with normal Hb → %s", (ferritin, severity, tag) => {
    const findings = run({ hemoglobin: 13.5, ferritin });
    if (severity === null) return expect(findings).toEqual([]);
    const f = only(findings);
    expect(f.id).toBe("anaemia.low-iron-stores");
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toEqual(["anaemia", "iron-deficiency-without-anaemia", tag]);
    expectWellFormed(f, "anaemia", JARGON);
  });

  it("is one finding, not two, when the haemoglobin is low too", () => {
    expect(run({ hemoglobin: 11, ferritin: 10 }).map((f) => f.id)).toEqual(["anaemia.low-haemoglobin"]);
  });

  it("says when haemoglobin was not measured", () => {
    const f = only(run({ ferritin: 10 }));
    expect(f.guidance.tags).toContain("haemoglobin-missing");
    expect(f.title).toContain("no haemoglobin in this panel");
  });

  it("returns nothing without haemoglobin or ferritin", () => {
    expect(run({ mcv: 70 })).toEqual([]);
  });
});

describe("endoscopy guidance by menopausal status (AGA 2020)", () => {
  const claims = (patient: PatientFacts) => run({ hemoglobin: 10, mcv: 72, ferritin: 10 }, patient).flatMap((f) => guidanceFor(f, 10).map((c) => c.id));

  it.each([
    [{ sex: "female", age: 34 }, "aga-ida.endoscopy-premenopausal", "aga-ida.endoscopy-men-postmenopausal"],
    [{ sex: "female", age: 49.9 }, "aga-ida.endoscopy-premenopausal", "aga-ida.endoscopy-men-postmenopausal"],
    [{ sex: "female", age: 50 }, "aga-ida.endoscopy-men-postmenopausal", "aga-ida.endoscopy-premenopausal"],
    [{ sex: "female", age: 45, conditions: ["postmenopausal"] }, "aga-ida.endoscopy-men-postmenopausal", "aga-ida.endoscopy-premenopausal"],
    [{ sex: "male", age: 30 }, "aga-ida.endoscopy-men-postmenopausal", "aga-ida.endoscopy-premenopausal"],
  ] as [PatientFacts, string, string][])("%j → %s, never %s", (patient, included, excluded) => {
    expect(claims(patient)).toContain(included);
    expect(claims(patient)).not.toContain(excluded);
  });

  it("says neither when sex or age is unknown", () => {
    expect(claims({})).not.toEqual(expect.arrayContaining(["aga-ida.endoscopy-premenopausal"]));
    expect(claims({})).not.toContain("aga-ida.endoscopy-men-postmenopausal");
  });
});

describe("ANAEMIA_GUIDANCE", () => {
  const scenarios: [Record<string, number>, PatientFacts][] = [
    [{ hemoglobin: 10, mcv: 72, ferritin: 10 }, { sex: "female", age: 60 }],
    [{ hemoglobin: 10, mcv: 72, ferritin: 10 }, { sex: "female", age: 34 }],
    [{ hemoglobin: 10, mcv: 88 }, { sex: "male", age: 60 }],
    [{ hemoglobin: 10, mcv: 88, ferritin: 200, "transferrin-saturation": 10 }, { sex: "male", age: 60 }],
    [{ hemoglobin: 10, mcv: 110 }, { sex: "male", age: 60 }],
    [{ hemoglobin: 14, ferritin: 10 }, { sex: "male", age: 60 }],
  ];
  const findings = scenarios.flatMap(([values, patient]) => run(values, patient));

  it.each(ANAEMIA_GUIDANCE.map((c) => [c.id, c] as const))("%s: some finding carries all its tags", (_id, claim) => {
    expect(claim.requires[0]).toBe("anaemia");
    expect(SOURCES).toHaveProperty(claim.source);
    expect(findings.some((f) => claim.requires.every((tag) => f.guidance.tags.includes(tag)))).toBe(true);
  });
});
