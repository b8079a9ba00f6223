import { describe, expect, it } from "vitest";
import { measured } from "../test-support";
import { referenceText, resultText } from "./format";

describe("resultText: the value as the report printed it, the converted one beside", () => {
  it.each([
    [{ name: "HbA1c", value: 53, unit: "mmol/mol" }, "53 mmol/mol (7%)"],
    [{ name: "Glucose", value: 7.8, unit: "mmol/L" }, "7.8 mmol/L (141 mg/dL)"],
    [{ name: "Creatinine", value: 159, unit: "umol/l" }, "159 umol/L (1.8 mg/dL)"],
    [{ name: "ACR", value: 3.4, unit: "mg/mmol" }, "3.4 mg/mmol (30.1 mg/g)"],
    [{ name: "ACR", value: 45, unit: "mg/g crea" }, "45 mg/g"],
    [{ name: "Creatinine", value: 1.8, unit: "mg/dL" }, "1.8 mg/dL"],
    [{ name: "HbA1c", value: 6.1, unit: "%" }, "6.1%"],
    // Equivalent units: one number, in the unit printed.
    [{ name: "WBC", value: 6.8, unit: "x10*9/L" }, "6.8 ×10⁹/L"],
    [{ name: "Neutrophils", value: 4.1, unit: "x10*9/L" }, "4.1 ×10⁹/L"],
    // Could not be converted: as reported, never empty.
    [{ name: "Ferritin", value: 7.5, unit: "widgets" }, "7.5 widgets"],
    [{ name: "Ferritin", value: 7.5 }, "7.5"],
    [{ name: "Urine protein", value: "Negative" }, "Negative"],
    [{ name: "Ferritin", value: "" }, "no value reported"],
  ])("%j → %s", (input, text) => {
    expect(resultText(measured(input))).toBe(text);
  });

  it("prints a lab's spelling of a UCUM unit as people read it, for a test the catalogue does not know too", () => {
    expect(resultText(measured({ name: "Monocytes", value: 0.9, unit: "x10*9/L" }))).toBe("0.9 ×10⁹/L");
  });

  it("escapes a unit the lab wrote", () => {
    expect(resultText(measured({ name: "Mystery", value: 2, unit: "mg/dL | x" }))).toBe("2 mg/dL \\| x");
  });
});

describe("referenceText", () => {
  it("says a malformed range is unusable, with what was printed", () => {
    const v = measured({ name: "Potassium", value: 4.2, unit: "mmol/L", range: { low: 5.1, high: 3.5 } });
    expect(referenceText({ ...v, reference: { ...v.reference!, text: "5.1-3.5 (not usable: its low bound is above its high bound)" } })).toBe(
      "not usable (its low bound is above its high bound): 5.1-3.5",
    );
  });

  it("gives a lab's range in the lab's unit, the catalogue's beside it", () => {
    expect(referenceText(measured({ name: "Glucose", value: 7.8, unit: "mmol/L", range: { low: 3.9, high: 5.5 } }))).toBe("3.9–5.5 mmol/L (70.3–99.1 mg/dL)");
  });
});
