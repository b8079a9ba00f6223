import { describe, expect, it } from "vitest";
import { adjustedCalcium, albuminGlobulinRatio, anionGap, bunCreatinineRatio, egfrCkdEpi2021, fib4, ldlSampson, nonHdlCholesterol } from "./derived";
import { SOURCES } from "./sources";

describe("eGFR, CKD-EPI 2021", () => {
  it.each([
    // 55-year-old woman, 0.9 mg/dL: 142 × (0.9/0.7)^−1.2 × 0.9938^55 × 1.012 = 142 × 0.7397 × 0.7104 × 1.012 = 75.5.
    [0.9, 55, "female", 75],
    // The seed example: creatinine 1.8 mg/dL in a 78-year-old man gives 38 (CKD G3b).
    [1.8, 78, "male", 38],
    // At Scr = κ both spline terms are 1: 142 × 0.9938^40 (= 0.7796) → 110.7 (male), × 1.012 → 112.0 (female).
    [0.7, 40, "female", 112],
    [0.9, 40, "male", 111],
  ] as const)("creatinine %s mg/dL, age %s, %s → %s", (creatinine, age, sex, expected) => {
    expect(egfrCkdEpi2021(creatinine, age, sex)?.value).toBe(expected);
  });

  it("is the same equation on both sides of the hinge (continuous at Scr = κ)", () => {
    const below = egfrCkdEpi2021(0.8999999, 50, "male")!.value;
    const above = egfrCkdEpi2021(0.9000001, 50, "male")!.value;
    expect(below).toBe(above);
  });

  it("refuses children and impossible creatinine", () => {
    expect(egfrCkdEpi2021(0.5, 12, "female")).toBeNull();
    expect(egfrCkdEpi2021(0, 50, "male")).toBeNull();
  });
});

describe("other derived values", () => {
  it("calculates lipids", () => {
    expect(nonHdlCholesterol(265, 35).value).toBe(230);
    // TC 200, HDL 50, TG 150: 210.97 − 51.49 − (17.52 + 10.51 − 1.40) − 9.44 = 123.4 mg/dL.
    expect(ldlSampson(200, 50, 150)?.value).toBe(123);
    expect(ldlSampson(300, 40, 900)).toBeNull();
  });

  it("calculates electrolytes, calcium, kidney and protein ratios", () => {
    expect(anionGap(140, 104, 24).value).toBe(12);
    expect(adjustedCalcium(8.2, 3.2).value).toBe(9);
    expect(bunCreatinineRatio(32, 1.8)?.value).toBe(18);
    expect(albuminGlobulinRatio(3.2, 6.1)?.value).toBe(1.1);
    expect(albuminGlobulinRatio(6.5, 6.1)).toBeNull();
  });

  it("calculates FIB-4", () => {
    // 50 years, AST 40, ALT 36, platelets 200 × 10^9/L → 50×40 / (200×6) = 1.67.
    expect(fib4(50, 40, 36, 200)?.value).toBe(1.67);
  });

  it("cites only listed sources", () => {
    const sources = [egfrCkdEpi2021(1, 50, "male"), ldlSampson(200, 50, 150), anionGap(140, 100, 24), adjustedCalcium(9, 4), fib4(50, 40, 36, 200)]
      .map((d) => d!.source)
      .filter(Boolean);
    for (const id of sources) expect(SOURCES).toHaveProperty(id!);
  });
});
