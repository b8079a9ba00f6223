import { describe, expect, it } from "vitest";
import type { Finding } from "../findings";
import { LIVER_GUIDANCE } from "../guidance/liver";
import { Panel, type PanelValue } from "../panel";
import { SOURCES } from "../sources";
import { gradeOf, liverRule, rRatio } from "./liver";
import { expectWellFormed } from "./expect-finding";

const REF: Record<string, { low?: number; high?: number }> = {
  alt: { low: 10, high: 40 },
  ast: { low: 10, high: 40 },
  "alkaline-phosphatase": { low: 30, high: 120 },
  ggt: { low: 8, high: 40 },
  "bilirubin-total": { low: 0.3, high: 1.0 },
  "bilirubin-direct": { low: 0.1, high: 0.3 },
};

function pv(code: string, value: number, ref = REF[code] ?? {}, extra: Partial<PanelValue> = {}): PanelValue {
  const bounded = ref.low !== undefined || ref.high !== undefined;
  const flag = ref.low !== undefined && value < ref.low ? "Low" : ref.high !== undefined && value > ref.high ? "High" : bounded ? "Normal" : null;
  return { code, kind: "catalogue", name: code, patientName: code, category: null, value, comparator: null, text: null, unit: "U/L", flag, reference: bounded ? { ...ref, source: "lab" } : null, observedAt: null, derived: false, ...extra };
}

const run = (values: Record<string, number>) => liverRule(new Panel(Object.entries(values).map(([code, value]) => pv(code, value))), {});
const only = (findings: Finding[]) => {
  expect(findings).toHaveLength(1);
  return findings[0];
};

const JARGON = /\b(hepatocellular|cholestatic|cholestasis|transaminase|aminotransferase|hyperbilirubin\w*|etiology|aetiology|you have)\b/i;


describe("liverRule: R ratio", () => {
  // ALP 240 U/L is 2× its ULN of 120, so ALT = 80 × R.
  it.each([
    [152, 1.9, "cholestatic"],
    [160, 2, "cholestatic"],
    [200, 2.5, "mixed"],
    [392, 4.9, "mixed"],
    [400, 5, "hepatocellular"],
    [408, 5.1, "hepatocellular"],
  ] as const)("ALT %s with ALP 240 → R %s, %s", (alt, r, pattern) => {
    const f = only(run({ alt, "alkaline-phosphatase": 240 }));
    expect(f.guidance.tags).toContain(pattern);
    expect(f.clinician[0].text).toBe(`R = (ALT ${alt}/40)/(ALP 240/120) = ${r}: ${pattern} (R ≥ 5 hepatocellular, ≤ 2 cholestatic, between mixed).`);
    expectWellFormed(f, "liver", JARGON);
  });

  it("classifies on the rounded R the text shows", () => {
    expect(rRatio(4.96, 1)).toEqual({ r: 5, pattern: "hepatocellular" });
    expect(rRatio(4.94, 1)).toEqual({ r: 4.9, pattern: "mixed" });
    expect(rRatio(2.04, 1)).toEqual({ r: 2, pattern: "cholestatic" });
  });

  it("uses the lab's upper limits", () => {
    const panel = new Panel([pv("alt", 165, { high: 33 }), pv("alkaline-phosphatase", 110, { high: 100 })]);
    const f = only(liverRule(panel, {}));
    expect(f.clinician[0].text).toContain("R = (ALT 165/33)/(ALP 110/100) = 4.5: mixed");
  });

  it("cannot classify without ALP", () => {
    const f = only(run({ alt: 90 }));
    expect(f.guidance.tags).toEqual(expect.arrayContaining(["pattern-unclassified", "alp-missing"]));
    expect(f.clinician[0].text).toContain("no ALP in this panel, so the pattern cannot be classified");
  });

  it("never calls a pattern cholestatic over a normal ALP: a raised ALT alone is hepatocellular, without an R ratio", () => {
    // ALT 1.1× and ALP 0.85× would give R 1.3, "cholestatic", if R were taken from a normal ALP.
    const f = only(run({ alt: 44, "alkaline-phosphatase": 102 }));
    expect(f.title).toBe("ALT 44 U/L: hepatocellular pattern, borderline elevation");
    expect(f.title).not.toMatch(/cholestatic|R \d/);
    expect(f.clinician[0].text).toMatch(/ALP 102 U\/L within its range/);
  });

  it("calls a raised ALP with ALT in range cholestatic, from the raised enzyme", () => {
    const f = only(run({ alt: 30, "alkaline-phosphatase": 300 }));
    expect(f.title).toMatch(/^ALP 300 U\/L: cholestatic pattern/);
  });

  it("reads the upper limit the lab printed when the panel holds no bound, never 'no upper limit'", () => {
    const alt = pv("alt", 90, {}, { flag: "High", reference: { text: "7-56", source: "lab" } });
    const alp = pv("alkaline-phosphatase", 250, {}, { flag: "High", reference: { text: "<=129 U/L", source: "lab" } });
    const f = only(liverRule(new Panel([alt, alp]), {}));
    expect(f.clinician[0].text).toContain("R = (ALT 90/56)/(ALP 250/129)");
    expect(f.clinician.map((s) => s.text).join(" ")).not.toMatch(/no upper limit/);
  });

  it("names the enzyme whose upper limit is really missing", () => {
    const alt = pv("alt", 90, {}, { flag: "High", reference: null });
    const f = only(liverRule(new Panel([alt, pv("alkaline-phosphatase", 250)]), {}));
    expect(f.clinician[0].text).toContain("no upper limit for ALT in this panel");
  });
});

describe("liverRule: degree of elevation", () => {
  it.each([
    [79, "borderline", "enzymes-under-2x"],
    [80, "moderate", "enzymes-2-to-5x"],
    [200, "moderate", "enzymes-2-to-5x"],
    [204, "high", "enzymes-5-to-15x"],
    [600, "high", "enzymes-5-to-15x"],
    [604, "high", "enzymes-over-15x"],
  ] as const)("ALT %s (ULN 40) → %s", (alt, severity, tag) => {
    const f = only(run({ alt, "alkaline-phosphatase": 100 }));
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toContain(tag);
  });

  it("grades by multiples of ULN", () => {
    expect([1.99, 2, 5, 5.01, 15, 15.01].map(gradeOf)).toEqual(["borderline", "mild", "mild", "moderate", "moderate", "severe"]);
  });

  it("never grades critical, even for a critical-flagged value", () => {
    const panel = new Panel([pv("alt", 3000, REF.alt, { flag: "Critical" }), pv("alkaline-phosphatase", 150)]);
    const f = only(liverRule(panel, {}));
    expect(f.severity).toBe("high");
    expect(f.guidance.tags).toContain("enzymes-over-15x");
  });
});

describe("liverRule: AST/ALT, GGT and bilirubin within the pattern", () => {
  it("notes AST/ALT ≥ 2 when AST is raised", () => {
    const f = only(run({ alt: 60, ast: 130, "alkaline-phosphatase": 100 }));
    expect(f.guidance.tags).toContain("ast-alt-ratio-2");
    expect(f.clinician.map((s) => s.text)).toContain("AST/ALT = 130/60 = 2.2 (≥ 2 with raised AST): alcohol-associated pattern.");
    expectWellFormed(f, "liver", JARGON);
  });

  it("ignores the ratio when AST is not raised", () => {
    expect(only(run({ alt: 45, ast: 38, "alkaline-phosphatase": 100 })).guidance.tags).not.toContain("ast-alt-ratio-2");
    expect(only(run({ alt: 100, ast: 35, "alkaline-phosphatase": 100 })).guidance.tags).not.toContain("ast-alt-ratio-2");
  });

  it.each([
    [{ ggt: 120 }, "ggt-high"],
    [{ ggt: 20 }, "ggt-normal"],
    [{}, "ggt-missing"],
  ] as const)("raised ALP with %o → %s", (ggt, tag) => {
    const f = only(run({ alt: 30, "alkaline-phosphatase": 400, ...ggt }));
    expect(f.guidance.tags).toEqual(expect.arrayContaining(["cholestatic", "alp-high", tag]));
    expectWellFormed(f, "liver", JARGON);
  });

  it("mentions a raised bilirubin with the enzymes instead of as its own finding", () => {
    const f = only(run({ alt: 300, "alkaline-phosphatase": 130, "bilirubin-total": 3.2 }));
    expect(f.guidance.tags).toContain("bilirubin-high");
  });
});

describe("liverRule: AST alone and bilirubin alone", () => {
  it("reads a raised AST with normal ALT as possibly non-hepatic", () => {
    const f = only(run({ alt: 30, ast: 90, "alkaline-phosphatase": 80 }));
    expect(f.id).toBe("liver.ast-only");
    expect(f.severity).toBe("moderate");
    expect(f.guidance.tags).toEqual(["liver", "ast-only", "ast-alt-ratio-2"]);
    expectWellFormed(f, "liver", JARGON);
    expect(only(run({ alt: 38, ast: 60 })).guidance.tags).toEqual(["liver", "ast-only"]);
  });

  it.each([
    [{ "bilirubin-direct": 0.2 }, "unconjugated-bilirubin", "borderline"],
    [{ "bilirubin-direct": 1.2 }, "conjugated-bilirubin-high", "moderate"],
    [{}, "bilirubin-unfractionated", "borderline"],
  ] as const)("total bilirubin 2.0 with normal enzymes and %o → %s", (direct, tag, severity) => {
    const f = only(run({ alt: 25, ast: 22, "alkaline-phosphatase": 80, "bilirubin-total": 2.0, ...direct }));
    expect(f.id).toBe("liver.isolated-bilirubin");
    expect(f.severity).toBe(severity);
    expect(f.guidance.tags).toEqual(expect.arrayContaining(["liver", "isolated-bilirubin", tag]));
    expectWellFormed(f, "liver", JARGON);
  });

  it("speaks of Gilbert's syndrome only for the unconjugated pattern", () => {
    expect(only(run({ alt: 25, "alkaline-phosphatase": 80, "bilirubin-total": 2, "bilirubin-direct": 0.2 })).patient[0].text).toContain("Gilbert");
    expect(only(run({ alt: 25, "alkaline-phosphatase": 80, "bilirubin-total": 2 })).patient[0].text).not.toContain("Gilbert");
    expect(only(run({ alt: 25, "alkaline-phosphatase": 80, "bilirubin-total": 2, "bilirubin-direct": 1.2 })).patient[0].text).not.toContain("Gilbert");
  });

  it("says when no enzymes were measured", () => {
    expect(only(run({ "bilirubin-total": 1.6 })).guidance.tags).toContain("liver-enzymes-missing");
  });

  it("returns nothing for normal results", () => {
    expect(run({ alt: 30, ast: 25, "alkaline-phosphatase": 90, ggt: 20, "bilirubin-total": 0.8 })).toEqual([]);
  });
});

describe("LIVER_GUIDANCE", () => {
  const findings = ([
    { alt: 400, "alkaline-phosphatase": 130 },
    { alt: 60, "alkaline-phosphatase": 500, ggt: 200 },
    { alt: 60, ast: 150, "alkaline-phosphatase": 100 },
    { alt: 900, "alkaline-phosphatase": 150 },
    { alt: 25, "alkaline-phosphatase": 80, "bilirubin-total": 2 },
  ] as Record<string, number>[]).flatMap((values) => run(values));

  it.each(LIVER_GUIDANCE.map((c) => [c.id, c] as const))("%s: some finding carries all its tags", (_id, claim) => {
    expect(claim.requires[0]).toBe("liver");
    expect(SOURCES).toHaveProperty(claim.source);
    expect(findings.some((f) => claim.requires.every((tag) => f.guidance.tags.includes(tag)))).toBe(true);
  });
});
