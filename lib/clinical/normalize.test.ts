import { describe, expect, it } from "vitest";
import { identify, normalizeAnalyte, rawCode } from "./normalize";

describe("normalizeAnalyte", () => {
  it("identifies by LOINC, keeps the lab's own range, and converts to the canonical unit", () => {
    const result = normalizeAnalyte({ name: "CREA", loinc: "2160-0", valueNumber: 159, unit: "umol/L", range: { low: 62, high: 115 } });
    expect(result.definition?.code).toBe("creatinine");
    expect(result.reference).toMatchObject({ source: "lab", low: 62, high: 115 });
    expect(result.flag).toBe("High");
    expect(result.normalizedUnit).toBe("mg/dL");
    expect(result.normalizedValue).toBeCloseTo(1.8, 1);
  });

  it("identifies by the name a lab prints and falls back to the catalogue interval by sex", () => {
    const female = normalizeAnalyte({ name: "Hemoglobin", valueNumber: 12.5, unit: "g/dL" }, { sex: "female" });
    expect(female.definition?.code).toBe("hemoglobin");
    expect(female.reference?.source).toBe("catalogue");
    expect(female.flag).toBe("Normal");
    const male = normalizeAnalyte({ name: "Hemoglobin", valueNumber: 12.5, unit: "g/dL" }, { sex: "male" });
    expect(male.flag).toBe("Low");
  });

  it("never flags against an inverted range (low above high): the lab's own N stands, else Indeterminate", () => {
    const inverted = { name: "Potassium", valueNumber: 4.2, unit: "mmol/L", range: { low: 5.1, high: 3.5 } };
    expect(normalizeAnalyte({ ...inverted, reportedFlag: "N" }).flag).toBe("Normal");
    expect(normalizeAnalyte(inverted).flag).toBe("Indeterminate");
  });

  it("gives Indeterminate, not Normal, when the unit cannot be reconciled", () => {
    expect(normalizeAnalyte({ name: "Glucose", valueNumber: 5.5, unit: "widgets" }).flag).toBe("Indeterminate");
  });

  it("flags a value past the catalogue's critical limit as Critical even inside a lab's range", () => {
    expect(normalizeAnalyte({ name: "Potassium", valueNumber: 7.1, unit: "mmol/L", range: { low: 3.5, high: 8 } }).flag).toBe("Critical");
  });

  it("keeps an unknown analyte, flagged only by what the lab said", () => {
    const result = normalizeAnalyte({ name: "Salmonella culture", valueText: "Detected", reportedFlag: "A" });
    expect(result.definition).toBeNull();
    expect(result.displayName).toBe("Salmonella culture");
    expect(result.flag).toBe("Abnormal");
  });
});

describe("a printed unit that contradicts the lab's own range", () => {
  it("keeps the lab's flag but neither converts the value nor applies critical limits", () => {
    // The NIST LRI CBC sample: haemoglobin 12.5 "g/mL" with range 13 to 18 (it means g/dL).
    const n = normalizeAnalyte({ name: "Hemoglobin", loinc: "718-7", valueNumber: 12.5, unit: "g/mL", range: { low: 13, high: 18 }, reportedFlag: "L" });
    expect(n.flag).toBe("Low");
    expect(n.normalizedValue).toBeNull();
  });

  it("keeps the lab's normal over a converted value that would be critical: the printed unit is wrong", () => {
    // LAB-ORU-2: haemoglobin 13.4 "g/l-1", flagged N, no range: 13.4 g/L would be 1.34 g/dL.
    const n = normalizeAnalyte({ name: "Hemoglobin", valueNumber: 13.4, unit: "g/l-1", reportedFlag: "N" });
    expect(n.flag).toBe("Normal");
    expect(n.normalizedValue).toBeNull();
    // Without the lab's word, the same number in g/L is critical.
    expect(normalizeAnalyte({ name: "Hemoglobin", valueNumber: 13.4, unit: "g/L" }).flag).toBe("Critical");
  });

  it("converts normally when the range agrees with the catalogue in another unit", () => {
    const n = normalizeAnalyte({ name: "Hemoglobin", valueNumber: 125, unit: "g/L", range: { low: 130, high: 180 } });
    expect(n.normalizedValue).toBeCloseTo(12.5);
  });
});

describe("units labs print", () => {
  it("reads HbA1c in IFCC mmol/mol as NGSP % through the master equation, citing it", () => {
    const n = normalizeAnalyte({ name: "HbA1c", valueNumber: 53, unit: "mmol/mol", range: { low: 20, high: 42 } });
    expect(n.definition?.code).toBe("hba1c");
    expect(n.normalizedValue).toBeCloseTo(7.0, 1);
    expect(n.normalizedUnit).toBe("%");
    expect(n.flag).toBe("High");
    expect(n.conversionSource).toBe("ngspIfccMasterEquation");
  });

  it("identifies HbA1c by its IFCC LOINC", () => {
    expect(normalizeAnalyte({ name: "Glycated haemoglobin", loinc: "59261-8", valueNumber: 48, unit: "mmol/mol" }).normalizedValue).toBeCloseTo(6.5, 1);
  });

  it("leaves HbA1c in % as it is, with no conversion to cite", () => {
    const n = normalizeAnalyte({ name: "HbA1c", valueNumber: 6.1, unit: "% (NGSP)" });
    expect(n.normalizedValue).toBe(6.1);
    expect(n.conversionSource).toBeNull();
  });

  it.each([
    ["mg/g crea", 45, 45],
    ["mg/g{creat}", 45, 45],
    ["mg/g creat", 45, 45],
    ["mg/mmol", 3.4, 30.06],
    ["mg/mmol creat", 3.4, 30.06],
  ])("reads an ACR in %s", (unit, value, mgPerG) => {
    const n = normalizeAnalyte({ name: "Albumin/Creatinine Ratio", valueNumber: value, unit });
    expect(n.definition?.code).toBe("urine-albumin-creatinine-ratio");
    expect(n.normalizedValue).toBeCloseTo(mgPerG, 1);
  });

  it.each(["x10*9/L", "10*9/L", "x10^9/L", "10^3/uL", "K/uL", "giga/L"])("reads a white cell count in %s", (unit) => {
    expect(normalizeAnalyte({ name: "WBC", valueNumber: 6.8, unit }).normalizedValue).toBeCloseTo(6.8, 6);
  });

  it.each([
    ["Iron", 80, "ug/dl", 80],
    ["Iron", 80, "mcg/dL", 80],
    ["Creatinine", 159, "umol/l", 1.8],
  ])("reads %s in lower-case %s", (name, value, unit, canonical) => {
    expect(normalizeAnalyte({ name, valueNumber: value, unit }).normalizedValue).toBeCloseTo(canonical, 1);
  });

  it("keeps the lab's flag for a unit with no UCUM code, and reads no catalogue interval against it", () => {
    const n = normalizeAnalyte({ name: "Ferritin", valueNumber: 7.5, unit: "widgets", reportedFlag: "H" });
    expect(n.flag).toBe("High");
    expect(n.normalizedValue).toBeNull();
    expect(n.reference).toBeNull();
  });
});

describe("a name match whose unit measures another kind of quantity", () => {
  it("is not that analyte: carbon dioxide in kPa or mmHg is a blood gas, not a chemistry panel's bicarbonate", () => {
    expect(identify("Carbon dioxide", "11557-6", "kPa")).toBeNull();
    expect(identify("Carbon dioxide", null, "mmHg")).toBeNull();
    expect(identify("Carbon dioxide", null, "mmol/L")?.code).toBe("carbon-dioxide");
  });

  it("still identifies a unit of the same kind, in mass or substance, and a unit it cannot read", () => {
    expect(identify("Hemoglobin", null, "g/l-1")?.code).toBe("hemoglobin");
    expect(identify("Bilirubin", null, "umol/L")?.code).toBe("bilirubin-total");
    expect(identify("Glucose", null, "widgets")?.code).toBe("glucose");
  });
});

describe("a white-cell line as a percentage and as an absolute count", () => {
  it.each([
    ["Neutrophils", "x10*9/L", "neutrophils-absolute"],
    ["Neutrophils", "%", "neutrophils-percent"],
    ["Lymphocytes", "10^3/uL", "lymphocytes-absolute"],
    ["Lymphocytes", "%", "lymphocytes-percent"],
    ["Lymphs #", "K/uL", "lymphocytes-absolute"],
    ["LYMPH%", "%", "lymphocytes-percent"],
    ["LYM#", "x10*9/L", "lymphocytes-absolute"],
    ["Absolute lymphocytes", "x10^9/L", "lymphocytes-absolute"],
    ["NEUT%", "%", "neutrophils-percent"],
  ])("%s in %s is %s", (name, unit, code) => {
    expect(identify(name, null, unit)?.code).toBe(code);
  });

  it("never reads an absolute count as a percentage when the catalogue has no count for that line", () => {
    expect(identify("Monocytes", null, "x10*9/L")).toBeNull();
    expect(identify("Monocytes", null, "%")?.code).toBe("monocytes-percent");
  });

  it("does not guess when a shared name comes with no unit it can read", () => {
    expect(identify("Neutrophils", null, null)).toBeNull();
    expect(identify("Neutrophils", null, "widgets")).toBeNull();
  });

  it("flags each against its own interval: 4.1 ×10⁹/L is a normal count, not a low percentage", () => {
    const count = normalizeAnalyte({ name: "Neutrophils", valueNumber: 4.1, unit: "x10*9/L" });
    expect(count.definition?.code).toBe("neutrophils-absolute");
    expect(count.flag).toBe("Normal");
    const share = normalizeAnalyte({ name: "Neutrophils", valueNumber: 60, unit: "%" });
    expect(share.definition?.code).toBe("neutrophils-percent");
    expect(share.flag).toBe("Normal");
  });
});

describe("a malformed range", () => {
  it("is reported as unusable, with no bounds, and flags nothing", () => {
    const n = normalizeAnalyte({ name: "Potassium", valueNumber: 4.2, unit: "mmol/L", range: { low: 5.1, high: 3.5 } });
    expect(n.reference).toEqual({ unit: "mmol/L", source: "lab", problem: "its low bound is above its high bound" });
    expect(n.flag).toBe("Indeterminate");
  });

  it("does not fall back to the catalogue's interval once found unusable (a re-run of the step)", () => {
    const n = normalizeAnalyte({ name: "Potassium", valueNumber: 5.9, unit: "mmol/L", range: null, rangeUnusable: "its low bound is above its high bound" });
    expect(n.flag).toBe("Indeterminate");
    expect(n.reference?.source).toBe("lab");
  });

  it("still lets the catalogue's critical limit speak", () => {
    expect(normalizeAnalyte({ name: "Potassium", valueNumber: 7.2, unit: "mmol/L", range: { low: 5.1, high: 3.5 } }).flag).toBe("Critical");
  });
});

describe("results the catalogue does not know", () => {
  it("keeps a cell line's share and its count apart in the panel", () => {
    expect(rawCode("Reticulocytes", "%")).not.toBe(rawCode("Reticulocytes", "x10*9/L"));
    expect(rawCode("Ammonia level X", "umol/L")).toBe("raw:ammonia level x");
  });
});
