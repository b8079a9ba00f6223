import { describe, expect, it } from "vitest";
import type { Finding } from "../findings";
import { LIPIDS_GUIDANCE } from "../guidance/lipids";
import { Panel, type PanelValue } from "../panel";
import type { PatientFacts } from "../patient";
import { readingGrade } from "../narrative/readability";
import { SOURCES } from "../sources";
import { lipidsRule } from "./lipids";

const UNITS: Record<string, string> = { "lipoprotein-a-molar": "nmol/L" };

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

const run = (values: Record<string, number>, patient: PatientFacts = {}, extra: PanelValue[] = []) =>
  lipidsRule(new Panel([...Object.entries(values).map(([code, value]) => pv(code, value)), ...extra]), patient);
const byId = (findings: Finding[], id: string) => findings.find((f) => f.id === id);
const clinicianText = (f: Finding | undefined) => f?.clinician.map((s) => s.text).join(" ") ?? "";

const ADULT: PatientFacts = { age: 52, sex: "male" };
const ON_STATIN: PatientFacts = { ...ADULT, medications: ["atorvastatin 40 mg daily"] };
const ASCVD_STATIN: PatientFacts = { ...ON_STATIN, conditions: ["coronary artery disease, MI 2019"] };
const ASCVD_NO_STATIN: PatientFacts = { ...ADULT, conditions: ["stroke"] };
const DIABETES: PatientFacts = { ...ADULT, conditions: ["type 2 diabetes"] };

describe("lipids: LDL-C thresholds (primary prevention, age 52)", () => {
  it.each([
    [69, null, []],
    [70, "info", ["risk-estimation", "ldl-70-189"]],
    [129, "info", ["risk-estimation"]],
    [130, "borderline", ["risk-estimation"]],
    [159, "borderline", ["risk-estimation"]],
    [160, "moderate", ["ldl-160-189", "risk-enhancer", "risk-estimation"]],
    [189, "moderate", ["ldl-160-189", "risk-enhancer", "risk-estimation"]],
    [190, "high", ["ldl-190-or-more"]],
  ])("LDL-C %s mg/dL → %s", (ldl, severity, tags) => {
    const f = byId(run({ "ldl-cholesterol": ldl }, ADULT), "lipids.cholesterol");
    if (severity === null) return expect(f).toBeUndefined();
    expect(f?.severity).toBe(severity);
    expect(f?.guidance.tags).toEqual(expect.arrayContaining(["lipids", "ldl", ...tags]));
  });

  it("159 is not a risk enhancer, 160 is", () => {
    expect(byId(run({ "ldl-cholesterol": 159 }, ADULT), "lipids.cholesterol")?.guidance.tags).not.toContain("risk-enhancer");
    expect(byId(run({ "ldl-cholesterol": 160 }, ADULT), "lipids.cholesterol")?.guidance.tags).toContain("risk-enhancer");
  });

  it("189 is not severe, 190 recommends a statin without risk calculation", () => {
    expect(byId(run({ "ldl-cholesterol": 189 }, ADULT), "lipids.cholesterol")?.guidance.tags).not.toContain("ldl-190-or-more");
    const f = byId(run({ "ldl-cholesterol": 190 }, ADULT), "lipids.cholesterol");
    expect(clinicianText(f)).toMatch(/high-intensity\) statin therapy without calculating 10-year ASCVD risk/);
    expect(f?.guidance.tags).not.toContain("risk-estimation");
  });

  it("risk estimation names the Pooled Cohort Equations and invents no risk figure", () => {
    const f = byId(run({ "ldl-cholesterol": 150 }, ADULT), "lipids.cholesterol");
    expect(clinicianText(f)).toMatch(/Pooled Cohort Equations/);
    expect(clinicianText(f)).toMatch(/not computed from this panel/);
    expect(clinicianText(f)).not.toMatch(/10-year (?:ASCVD )?risk (?:is|of) \d/);
  });

  it("outside 40–75 there is no risk-estimation tag", () => {
    expect(byId(run({ "ldl-cholesterol": 120 }, { age: 30 }), "lipids.cholesterol")).toBeUndefined();
    expect(byId(run({ "ldl-cholesterol": 140 }, { age: 30 }), "lipids.cholesterol")?.guidance.tags).not.toContain("risk-estimation");
    expect(byId(run({ "ldl-cholesterol": 140 }, { age: 80 }), "lipids.cholesterol")?.guidance.tags).not.toContain("risk-estimation");
  });

  it("children are not read against adult thresholds", () => {
    expect(run({ "ldl-cholesterol": 200, triglycerides: 600 }, { age: 15 })).toEqual([]);
  });

  it("a calculated LDL-C cites its equation", () => {
    const ldl = pv("ldl-cholesterol", 172, { derived: true, formula: "Sampson/NIH equation from total, HDL and triglycerides", formulaSource: "sampsonLdl2020" });
    const f = byId(lipidsRule(new Panel([ldl]), ADULT), "lipids.cholesterol");
    expect(f?.clinician[0].sources).toContain("sampsonLdl2020");
    expect(f?.clinician[0].text).toMatch(/calculated: Sampson/);
  });
});

describe("lipids: context", () => {
  it("on a statin, LDL-C is read as on-treatment", () => {
    expect(byId(run({ "ldl-cholesterol": 90 }, ON_STATIN), "lipids.cholesterol")).toBeUndefined();
    const f = byId(run({ "ldl-cholesterol": 110 }, ON_STATIN), "lipids.cholesterol");
    expect(f?.severity).toBe("borderline");
    expect(f?.title).toMatch(/On-statin/);
    expect(f?.guidance.tags).toEqual(expect.arrayContaining(["on-statin"]));
    expect(f?.guidance.tags).not.toContain("risk-estimation");
    expect(clinicianText(f)).toMatch(/4–12 weeks/);
  });

  it.each([
    [69, "info", "ldl-below-70"],
    [70, "moderate", "ldl-70-or-more"],
    [150, "moderate", "ldl-70-or-more"],
    [195, "high", "ldl-70-or-more"],
  ])("clinical ASCVD on a statin, LDL-C %s → %s", (ldl, severity, tag) => {
    const f = byId(run({ "ldl-cholesterol": ldl }, ASCVD_STATIN), "lipids.cholesterol");
    expect(f?.severity).toBe(severity);
    expect(f?.guidance.tags).toEqual(expect.arrayContaining(["ascvd", "on-statin", tag]));
    expect(f?.guidance.tags).not.toContain("risk-estimation");
    if (tag === "ldl-70-or-more") expect(clinicianText(f)).toMatch(/very-high-risk ASCVD/);
  });

  it("clinical ASCVD without a statin", () => {
    const f = byId(run({ "ldl-cholesterol": 60 }, ASCVD_NO_STATIN), "lipids.cholesterol");
    expect(f?.severity).toBe("moderate");
    expect(f?.guidance.tags).toEqual(expect.arrayContaining(["ascvd", "no-statin"]));
    expect(clinicianText(f)).toMatch(/≥ 50%/);
  });

  it("diabetes at 40–75: statin regardless of risk", () => {
    const f = byId(run({ "ldl-cholesterol": 100 }, DIABETES), "lipids.cholesterol");
    expect(f?.severity).toBe("moderate");
    expect(f?.guidance.tags).toContain("diabetes-40-75");
    expect(f?.guidance.tags).not.toContain("risk-estimation");
    expect(byId(run({ "ldl-cholesterol": 69 }, DIABETES), "lipids.cholesterol")).toBeUndefined();
  });

  it("risk enhancers are not named in clinical ASCVD", () => {
    const findings = run({ triglycerides: 250, "lipoprotein-a-mass": 80 }, ASCVD_STATIN);
    for (const f of findings) expect(f.guidance.tags).not.toContain("risk-enhancer");
  });
});

describe("lipids: non-HDL and HDL", () => {
  it("non-HDL-C ≥ 190 stands in when LDL-C is missing", () => {
    const f = byId(run({ "non-hdl-cholesterol": 195 }, ADULT), "lipids.cholesterol");
    expect(f?.severity).toBe("moderate");
    expect(f?.guidance.tags).toEqual(expect.arrayContaining(["non-hdl-190-or-more", "risk-enhancer"]));
    expect(byId(run({ "non-hdl-cholesterol": 189 }, ADULT), "lipids.cholesterol")).toBeUndefined();
  });

  it.each([
    ["male", 39, true],
    ["male", 40, false],
    ["female", 49, true],
    ["female", 50, false],
    [undefined, 45, false],
    [undefined, 39, true],
  ] as const)("HDL-C %s %s → low: %s", (sex, hdl, low) => {
    const f = byId(run({ "hdl-cholesterol": hdl }, { age: 52, sex }), "lipids.cholesterol");
    if (!low) return expect(f).toBeUndefined();
    expect(f?.severity).toBe("info");
    expect(f?.guidance.tags).toContain("hdl-low");
  });

  it("low HDL rides on the LDL finding rather than adding one", () => {
    const findings = run({ "ldl-cholesterol": 165, "hdl-cholesterol": 35 }, ADULT);
    expect(findings.filter((f) => f.id === "lipids.cholesterol")).toHaveLength(1);
    expect(findings[0].severity).toBe("moderate");
    expect(findings[0].guidance.tags).toEqual(expect.arrayContaining(["ldl-160-189", "hdl-low"]));
  });
});

describe("lipids: triglycerides", () => {
  it.each([
    [174, null, []],
    [175, "moderate", ["tg-175-499", "risk-enhancer"]],
    [499, "moderate", ["tg-175-499"]],
    [500, "high", ["tg-500-or-more"]],
    [999, "high", ["tg-500-or-more"]],
    [1000, "high", ["tg-500-or-more", "tg-1000-or-more"]],
  ])("TG %s mg/dL → %s", (tg, severity, tags) => {
    const f = byId(run({ triglycerides: tg }, ADULT), "lipids.triglycerides");
    if (severity === null) return expect(f).toBeUndefined();
    expect(f?.severity).toBe(severity);
    expect(f?.guidance.tags).toEqual(expect.arrayContaining(["lipids", "triglycerides", ...tags]));
    if (tg < 1000) expect(f?.guidance.tags).not.toContain("tg-1000-or-more");
    if (tg >= 500) expect(f?.patient.map((s) => s.text).join(" ")).toMatch(/pancreatitis/);
  });

  it("without LDL-C above the Sampson limit, says why", () => {
    expect(clinicianText(byId(run({ triglycerides: 900 }, ADULT), "lipids.triglycerides"))).toMatch(/Sampson equation is not valid/);
    expect(clinicianText(byId(run({ triglycerides: 900, "ldl-cholesterol": 120 }, ADULT), "lipids.triglycerides"))).not.toMatch(/Sampson/);
  });
});

describe("lipids: Lp(a) and apoB", () => {
  it.each([
    ["lipoprotein-a-mass", 49, false],
    ["lipoprotein-a-mass", 50, true],
    ["lipoprotein-a-molar", 124, false],
    ["lipoprotein-a-molar", 125, true],
  ])("%s %s → elevated: %s", (code, value, elevated) => {
    const f = byId(run({ [code]: value }, ADULT), "lipids.lipoprotein-markers");
    if (!elevated) return expect(f).toBeUndefined();
    expect(f?.severity).toBe("moderate");
    expect(f?.guidance.tags).toEqual(expect.arrayContaining(["lpa-elevated", "risk-enhancer"]));
    expect(f?.analytes).toEqual([code]);
  });

  it.each([[129, false], [130, true]])("apoB %s → elevated: %s", (apob, elevated) => {
    const f = byId(run({ "apolipoprotein-b": apob }, ADULT), "lipids.lipoprotein-markers");
    if (!elevated) return expect(f).toBeUndefined();
    expect(f?.guidance.tags).toEqual(expect.arrayContaining(["apob-elevated", "risk-enhancer"]));
  });

  it("Lp(a) and apoB share one finding", () => {
    const findings = run({ "lipoprotein-a-molar": 200, "apolipoprotein-b": 140 }, ADULT);
    expect(findings.map((f) => f.id)).toEqual(["lipids.lipoprotein-markers"]);
  });
});

// Every way the rule can fire, for the checks that span all findings.
const SCENARIOS: Finding[] = [
  run({ "ldl-cholesterol": 75 }, ADULT),
  run({ "ldl-cholesterol": 145, "non-hdl-cholesterol": 170, "hdl-cholesterol": 38 }, ADULT),
  run({ "ldl-cholesterol": 175, triglycerides: 260, "lipoprotein-a-mass": 90, "apolipoprotein-b": 140 }, ADULT),
  run({ "ldl-cholesterol": 210, triglycerides: 1200 }, ADULT),
  run({ "ldl-cholesterol": 200 }, ON_STATIN),
  run({ "ldl-cholesterol": 130 }, ON_STATIN),
  run({ "ldl-cholesterol": 88, "lipoprotein-a-molar": 180 }, ASCVD_STATIN),
  run({ "ldl-cholesterol": 55 }, ASCVD_STATIN),
  run({ "ldl-cholesterol": 120 }, { ...ASCVD_NO_STATIN, age: 80 }),
  run({ "ldl-cholesterol": 110, triglycerides: 300 }, DIABETES),
  run({ "ldl-cholesterol": 150 }, {}),
  run({ "non-hdl-cholesterol": 220, "hdl-cholesterol": 45 }, { sex: "female" }),
  run({ triglycerides: 650 }, {}),
].flat();

const BANNED = /\bhyper\w+|\bhypo\w+|dyslipid|ascvd|statin intensity|risk-enhancing|etiology|\bdiagnosed\b|\bLp\(a\)|apoB\b|\bLDL-C\b|you have (?:high cholesterol|heart disease)/i;

describe("lipids: wording, sources and size", () => {
  it("patient sentences avoid jargon", () => {
    for (const f of SCENARIOS) {
      for (const s of [f.patientTitle, f.ask ?? "", ...f.patient.map((p) => p.text)]) expect(s).not.toMatch(BANNED);
      expect(f.ask).toBeTruthy();
    }
  });

  it("patient sentences read at grade 8 or below", () => {
    for (const f of SCENARIOS) expect(readingGrade(f.patient.map((s) => s.text).join(" ")).grade).toBeLessThanOrEqual(8);
  });

  it("every statement cites a known source; the domain tag is first", () => {
    for (const f of SCENARIOS) {
      for (const s of [...f.patient, ...f.clinician]) {
        expect(s.sources.length).toBeGreaterThan(0);
        for (const key of s.sources) expect(SOURCES).toHaveProperty(key);
      }
      expect(f.guidance.tags[0]).toBe("lipids");
    }
  });

  it("at most one finding of each kind", () => {
    const findings = run(
      { "ldl-cholesterol": 175, "non-hdl-cholesterol": 205, "hdl-cholesterol": 35, triglycerides: 260, "lipoprotein-a-mass": 90, "apolipoprotein-b": 140 },
      ADULT,
    );
    expect(findings.map((f) => f.id)).toEqual(["lipids.cholesterol", "lipids.triglycerides", "lipids.lipoprotein-markers"]);
  });
});

describe("lipids guidance", () => {
  it("has 5–10 claims with unique ids, known sources and the domain tag first", () => {
    expect(LIPIDS_GUIDANCE.length).toBeGreaterThanOrEqual(5);
    expect(LIPIDS_GUIDANCE.length).toBeLessThanOrEqual(10);
    expect(new Set(LIPIDS_GUIDANCE.map((c) => c.id)).size).toBe(LIPIDS_GUIDANCE.length);
    for (const claim of LIPIDS_GUIDANCE) {
      expect(SOURCES).toHaveProperty(claim.source);
      expect(claim.requires[0]).toBe("lipids");
    }
  });

  it.each(LIPIDS_GUIDANCE.map((c) => [c.id, c.requires] as const))("%s can follow some finding", (_id, requires) => {
    expect(SCENARIOS.some((f) => requires.every((tag) => f.guidance.tags.includes(tag)))).toBe(true);
  });
});

describe("lipids read with the panel's own glycaemia", () => {
  const patient: PatientFacts = { age: 55, sex: "male" };
  const text = (findings: Finding[]) => findings.flatMap((f) => f.clinician.map((s) => s.text)).join(" ");

  it("never says no diabetes is recorded when the same panel shows HbA1c and fasting glucose in the diabetes range", () => {
    const findings = lipidsRule(new Panel([pv("ldl-cholesterol", 120), pv("hba1c", 7.2, { unit: "%" }), pv("glucose-fasting", 142)]), patient);
    expect(text(findings)).not.toMatch(/no diabetes/i);
    expect(text(findings)).toMatch(/HbA1c 7\.2% and FPG 142 mg\/dL in this panel are in the ADA diabetes range/);
    expect(text(findings)).toMatch(/If diabetes is confirmed/);
  });

  it("keeps the risk-based reading when the panel's glycaemia is below the diabetes range", () => {
    const findings = lipidsRule(new Panel([pv("ldl-cholesterol", 120), pv("hba1c", 5.9, { unit: "%" })]), patient);
    expect(text(findings)).toMatch(/no diabetes or ASCVD recorded/);
  });

  it("treats an insulin-treated patient as having diabetes", () => {
    const findings = lipidsRule(new Panel([pv("ldl-cholesterol", 120)]), { ...patient, medications: ["insulin lispro"] });
    expect(findings[0].title).toMatch(/diabetes at age 40–75, no statin listed/);
  });
});

describe("total cholesterol and HDL as findings", () => {
  it("reports total cholesterol of 240 mg/dL or more as high (ATP III), with a reason to measure LDL-C when there is none", () => {
    const [finding] = lipidsRule(new Panel([pv("total-cholesterol", 252)]), { age: 45, sex: "female" });
    expect(finding.title).toBe("Total cholesterol 252 mg/dL high (≥ 240)");
    expect(finding.severity).toBe("moderate");
    expect(finding.clinician[0].text).toMatch(/No LDL-C in this panel/);
    expect(finding.clinician[0].sources).toContain("ncepAtp3");
  });

  it("says nothing of a total cholesterol below 240", () => {
    expect(lipidsRule(new Panel([pv("total-cholesterol", 239)]), { age: 45, sex: "female" })).toEqual([]);
  });

  it("reads low HDL by sex (< 50 women, < 40 men) and cites ATP III, not a reference table", () => {
    const woman = lipidsRule(new Panel([pv("hdl-cholesterol", 45)]), { age: 45, sex: "female" });
    expect(woman[0].title).toBe("HDL-C 45 mg/dL low (< 50)");
    expect(woman[0].clinician.flatMap((s) => s.sources)).not.toContain("abimReferenceRanges");
    expect(lipidsRule(new Panel([pv("hdl-cholesterol", 45)]), { age: 45, sex: "male" })).toEqual([]);
  });
});
