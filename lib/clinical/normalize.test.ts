import { describe, expect, it } from "vitest";
import { normalizeAnalyte } from "./normalize";

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

  it("converts normally when the range agrees with the catalogue in another unit", () => {
    const n = normalizeAnalyte({ name: "Hemoglobin", valueNumber: 125, unit: "g/L", range: { low: 130, high: 180 } });
    expect(n.normalizedValue).toBeCloseTo(12.5);
  });
});
