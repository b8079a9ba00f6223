import { describe, expect, it } from "vitest";
import { flagAgainstRange, normalizeReportedFlag } from "./flags";

describe("flagAgainstRange", () => {
  it.each([
    [{ valueNumber: 1.8, range: { low: 0.7, high: 1.3 } }, "High"],
    [{ valueNumber: 0.5, range: { low: 0.7, high: 1.3 } }, "Low"],
    [{ valueNumber: 1.3, range: { low: 0.7, high: 1.3 } }, "Normal"],
    [{ valueNumber: 38, range: { low: 60 } }, "Low"],
    [{ valueNumber: 180, range: { high: 200 } }, "Normal"],
    [{ valueNumber: 5, comparator: "<", range: { low: 10, high: 40 } }, "Indeterminate"],
    [{ valueNumber: 1000, comparator: ">", range: { high: 200 } }, "High"],
    [{ valueNumber: 6.8, unit: "mmol/L", range: { low: 70, high: 99, unit: "mg/dL" } }, "Indeterminate"],
    [{ valueNumber: 2.5, range: { low: 3.5, high: 5 }, reportedFlag: "LL" }, "Critical"],
    [{ valueText: "Negative", reportedFlag: "N" }, "Normal"],
    // The lab's own interpretation wins over our reading of its range.
    [{ valueNumber: 5.3, range: { low: 3.5, high: 5.1 }, reportedFlag: "N" }, "Normal"],
    // An inverted range (low above high) is malformed: never a flag of ours, the lab's own when it gave one.
    [{ valueNumber: 4.2, range: { low: 5.1, high: 3.5 } }, "Indeterminate"],
    [{ valueNumber: 4.2, range: { low: 5.1, high: 3.5 }, reportedFlag: "N" }, "Normal"],
    [{ valueText: "Positive", reportedFlag: "A" }, "Abnormal"],
    [{ valueNumber: 7 }, null],
  ])("%j → %s", (input, expected) => {
    expect(flagAgainstRange(input)).toBe(expected);
  });

  it("reads the flags labs print", () => {
    expect(["H", "low", "HH", "A", "N", "weird"].map(normalizeReportedFlag)).toEqual(["High", "Low", "Critical", "Abnormal", "Normal", null]);
  });

  // HL7 v2 OBX-8 (table 0078) and FHIR ObservationInterpretation: panic limits, critically abnormal, off scale.
  it.each(["HH", "LL", "AA", ">", "<", "Critical high", "CRITICAL LOW", "Panic", "panic high", "H*", "critical"])("reads %j as Critical", (flag) => {
    expect(normalizeReportedFlag(flag)).toBe("Critical");
  });

  it("never flags against a range whose bound is not a number", () => {
    expect(flagAgainstRange({ valueNumber: 4, range: { low: Number.NaN, high: 5 } })).toBe("Indeterminate");
  });
});
