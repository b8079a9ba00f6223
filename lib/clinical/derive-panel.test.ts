import { describe, expect, it } from "vitest";
import { derivePanel, derivedValues } from "./derive-panel";
import { buildPanel } from "./panel";
import { measured } from "./test-support";

const panel = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe("derivePanel", () => {
  it("derives what the measured analytes allow, marked with the catalogue code they fill", () => {
    const derived = derivePanel(
      panel({ creatinine: 1.8, "total-cholesterol": 200, "hdl-cholesterol": 50, triglycerides: 150, sodium: 140, chloride: 104, "carbon-dioxide": 24, bun: 32 }),
      { age: 78, sex: "male" },
    );
    expect(derived.map((d) => [d.code, d.name, d.value])).toEqual([
      ["egfr", "eGFR (CKD-EPI 2021)", 38],
      ["non-hdl-cholesterol", "Non-HDL cholesterol", 150],
      ["ldl-cholesterol", "LDL cholesterol (Sampson)", 123],
      ["anion-gap", "Anion gap", 12],
      [null, "BUN/creatinine ratio", 18],
    ]);
  });

  it("does not replace what the lab measured, and needs age and sex for eGFR", () => {
    const derived = derivePanel(panel({ creatinine: 1.1, egfr: 70, "total-cholesterol": 200, "hdl-cholesterol": 50, "ldl-cholesterol": 120, triglycerides: 150 }), {});
    expect(derived.map((d) => d.code)).toEqual(["non-hdl-cholesterol"]);
  });

  it("adjusts calcium only when albumin is low, and needs age for FIB-4", () => {
    expect(derivePanel(panel({ calcium: 8.2, albumin: 3.2 }), {}).map((d) => d.value)).toEqual([9]);
    expect(derivePanel(panel({ calcium: 9.5, albumin: 4.2 }), {})).toEqual([]);
    expect(derivePanel(panel({ ast: 40, alt: 36, platelets: 200 }), { age: 50 })[0]).toMatchObject({ name: "FIB-4", value: 1.67 });
  });
});

describe("derivedValues", () => {
  it("gives a calculation the catalogue knows its catalogue identity, and one it does not the derived kind", () => {
    const base = buildPanel([measured({ name: "BUN", value: 32, unit: "mg/dL" }), measured({ name: "Creatinine", value: 1.8, unit: "mg/dL" })]);
    const values = derivedValues(base, { age: 78, sex: "male" });
    expect(values.map((v) => [v.code, v.kind, v.derived])).toEqual([
      ["egfr", "catalogue", true],
      ["derived:bun-creatinine-ratio", "derived", true],
    ]);
  });
});
