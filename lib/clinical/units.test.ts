import { describe, expect, it } from "vitest";
import { convert, toUcum } from "./units";

describe("toUcum", () => {
  it.each([
    ["mg/dl", "mg/dL"],
    ["mEq/L", "meq/L"],
    ["x10^3/uL", "10*3/uL"],
    ["K/uL", "10*3/uL"],
    ["million/uL", "10*6/uL"],
    ["giga.l-1", "10*9/L"],
    ["tera.l-1", "10*12/L"],
    ["mL/min/1.73m2", "mL/min/{1.73_m2}"],
    ["mIU/L", "m[IU]/L"],
    ["µmol/L", "umol/L"],
    ["mcg/dL", "ug/dL"],
    ["10*3/uL", "10*3/uL"],
    ["fL", "fL"],
    ["kg", "kg"],
  ])("%s → %s", (printed, ucum) => {
    expect(toUcum(printed)).toBe(ucum);
  });

  it.each(["", "g/l-1x", "widgets", "million"])("refuses %j", (printed) => {
    expect(toUcum(printed)).toBeNull();
  });
});

describe("convert", () => {
  it("converts mass ↔ molar concentration with a molar mass", () => {
    // Creatinine 1.8 mg/dL × 10 / 113.12 g/mol × 1000 = 159.1 µmol/L.
    expect(convert(1.8, "mg/dL", "umol/L", { molarMass: 113.12 })).toBeCloseTo(159.1, 1);
    // Glucose 5.5 mmol/L × 180.16 / 10 = 99.1 mg/dL.
    expect(convert(5.5, "mmol/L", "mg/dL", { molarMass: 180.16 })).toBeCloseTo(99.09, 2);
  });

  it("converts within a dimension and across count prefixes", () => {
    expect(convert(134, "g/L", "g/dL")).toBeCloseTo(13.4, 6);
    expect(convert(8.2, "10*9/L", "10*3/uL")).toBeCloseTo(8.2, 6);
    expect(convert(30, "ug/L", "ng/mL")).toBeCloseTo(30, 6);
  });

  it("round-trips", () => {
    const umol = convert(1.8, "mg/dL", "umol/L", { molarMass: 113.12 })!;
    expect(convert(umol, "umol/L", "mg/dL", { molarMass: 113.12 })).toBeCloseTo(1.8, 10);
  });

  it("refuses what is not a unit conversion", () => {
    expect(convert(48, "mmol/mol", "%")).toBeNull();
    expect(convert(1.8, "mg/dL", "umol/L")).toBeNull();
    expect(convert(5, "mg/dL", "10*3/uL")).toBeNull();
  });
});
