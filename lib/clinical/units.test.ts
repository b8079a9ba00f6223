import { describe, expect, it } from "vitest";
import { convert, ifccToNgsp, ngspToIfcc, toUcum } from "./units";

describe("toUcum", () => {
  it.each([
    ["mg/dl", "mg/dL"],
    ["mEq/L", "meq/L"],
    ["x10^3/uL", "10*3/uL"],
    ["K/uL", "10*3/uL"],
    ["million/uL", "10*6/uL"],
    ["giga.l-1", "10*9/L"],
    ["g/l-1", "g/L"],
    ["mmol.l-1", "mmol/L"],
    ["mmHg", "mm[Hg]"],
    ["tera.l-1", "10*12/L"],
    ["mL/min/1.73m2", "mL/min/{1.73_m2}"],
    ["mIU/L", "m[IU]/L"],
    ["µmol/L", "umol/L"],
    ["mcg/dL", "ug/dL"],
    ["10*3/uL", "10*3/uL"],
    ["fL", "fL"],
    ["kg", "kg"],
    // Lower-case and micro spellings.
    ["ug/dl", "ug/dL"],
    ["umol/l", "umol/L"],
    ["mg/dl", "mg/dL"],
    // ACR as labs print it: the creatinine it is per is a qualifier, not another unit.
    ["mg/g crea", "mg/g"],
    ["mg/g{creat}", "mg/g"],
    ["mg/g creat", "mg/g"],
    ["mg/mmol", "mg/mmol"],
    ["mg/mmol creat", "mg/mmol"],
    // Counts.
    ["x10*9/L", "10*9/L"],
    ["10*9/L", "10*9/L"],
    ["x10^9/L", "10*9/L"],
    ["10^9/l", "10*9/L"],
    ["×10⁹/L", "10*9/L"],
    ["10E9/L", "10*9/L"],
    ["10^3/uL", "10*3/uL"],
    ["x10E3/uL", "10*3/uL"],
    ["giga/L", "10*9/L"],
    ["{cells}/uL", "/uL"],
    // HbA1c in both systems, with the qualifiers labs add.
    ["mmol/mol", "mmol/mol"],
    ["mmol/mol Hb", "mmol/mol"],
    ["% (NGSP)", "%"],
    ["%Hb", "%"],
  ])("%s → %s", (printed, ucum) => {
    expect(toUcum(printed)).toBe(ucum);
  });

  it.each(["", "g/l-1x", "widgets", "million", "/hpf", "ratio"])("refuses %j", (printed) => {
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

describe("HbA1c IFCC ↔ NGSP (master equation, Hoelzel 2004 / NGSP)", () => {
  it.each([
    [53, 7.0],
    [48, 6.5],
    [42, 6.0],
    [64, 8.0],
  ])("%s mmol/mol is %s %%", (ifcc, ngsp) => {
    expect(ifccToNgsp(ifcc)).toBeCloseTo(ngsp, 1);
  });

  it("converts back from % to mmol/mol", () => {
    expect(ngspToIfcc(7.0)).toBeCloseTo(53, 0);
    expect(ngspToIfcc(ifccToNgsp(53))).toBeCloseTo(53, 10);
  });
});
