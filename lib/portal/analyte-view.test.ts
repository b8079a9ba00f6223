import { describe, expect, it } from "vitest";
import { groupByCategory, presentAnalyte, rangeLabel } from "./analyte-view";

type Row = Parameters<typeof presentAnalyte>[0];

function row(overrides: Partial<Row>): Row {
  return {
    id: "a1",
    rawName: "Sodium",
    rawValue: "128",
    rawUnit: "mmol/L",
    rawRange: "135-145",
    notes: null,
    loinc: "2951-2",
    displayName: "Sodium",
    category: "Electrolytes",
    valueNumber: 128,
    valueComparator: null,
    unit: "mmol/L",
    normalizedValue: 128,
    normalizedUnit: "mmol/L",
    referenceLow: 135,
    referenceHigh: 145,
    referenceText: null,
    referenceSource: "lab",
    flag: "Low",
    derived: false,
    resultStatus: null,
    observedAt: null,
    ...overrides,
  };
}

describe("an analyte on the lab detail page", () => {
  it("says where the value sits in its range, in words a screen reader reads", () => {
    expect(presentAnalyte(row({})).range).toEqual({
      value: 128,
      unit: "mmol/L",
      low: 135,
      high: 145,
      position: "below",
      label: "135–145 mmol/L",
      description: "128 mmol/L, below the range 135–145 mmol/L",
    });
    expect(presentAnalyte(row({ valueNumber: 140, rawValue: "140" })).range?.position).toBe("within");
    expect(presentAnalyte(row({ valueNumber: 145 })).range?.position).toBe("within");
  });

  it("reads a one-sided interval as a limit", () => {
    expect(rangeLabel(null, 100, "mg/dL")).toBe("up to 100 mg/dL");
    expect(rangeLabel(60, null, "mL/min")).toBe("60 mL/min or more");
    expect(presentAnalyte(row({ valueNumber: 160, referenceLow: null, referenceHigh: 100, unit: "mg/dL" })).range?.description).toBe("160 mg/dL, above the range up to 100 mg/dL");
  });

  it("places a value against a catalogue interval in the catalogue's unit", () => {
    const glucose = presentAnalyte(row({ rawValue: "5.5", rawUnit: "mmol/L", unit: "mmol/L", valueNumber: 5.5, normalizedValue: 99.1, normalizedUnit: "mg/dL", rawRange: null, referenceLow: 70, referenceHigh: 99, referenceSource: "catalogue" }));
    expect(glucose.range).toMatchObject({ value: 99.1, unit: "mg/dL", position: "above" });
    expect(glucose.converted).toEqual({ value: 99.1, unit: "mg/dL" });
    expect(glucose.referenceRange).toBe("70–99 mg/dL");
  });

  it("has no place on the bar for a value reported as a bound, nor without any interval", () => {
    expect(presentAnalyte(row({ rawValue: "<5", valueNumber: 5, valueComparator: "<" })).range).toBeNull();
    expect(presentAnalyte(row({ referenceLow: null, referenceHigh: null })).range).toBeNull();
  });

  it("gives a critical value its direction, and hides a conversion that changes nothing", () => {
    const potassium = presentAnalyte(row({ rawName: "K", displayName: "Potassium", valueNumber: 6.8, normalizedValue: 6.8, referenceLow: 3.5, referenceHigh: 5.1, flag: "Critical" }));
    expect(potassium).toMatchObject({ name: "Potassium", rawName: "K", flagLabel: "Critical high", converted: null });
    expect(presentAnalyte(row({ unit: "mIU/L", rawUnit: "mIU/L", normalizedUnit: "m[IU]/L" })).converted).toBeNull();
    expect(presentAnalyte(row({ flag: "Something else" })).flag).toBeNull();
  });

  it("says when the lab's result is preliminary or corrected, and nothing for a final one", () => {
    expect(presentAnalyte(row({ resultStatus: "corrected" })).resultStatus).toBe("corrected");
    expect(presentAnalyte(row({ resultStatus: "preliminary" })).resultStatus).toBe("preliminary");
    expect(presentAnalyte(row({})).resultStatus).toBeNull();
  });

  it("shows a calculated value's formula without the 'Calculated:' prefix", () => {
    expect(presentAnalyte(row({ derived: true, notes: "Calculated: Na − (Cl + HCO3)" })).formula).toBe("Na − (Cl + HCO3)");
    expect(presentAnalyte(row({ notes: "Haemolysed sample" })).formula).toBeNull();
  });

  it("groups by category in the report's order, with the uncategorised under Other", () => {
    const groups = groupByCategory([row({ id: "1", category: "Renal" }), row({ id: "2", category: null }), row({ id: "3", category: "Renal" })].map(presentAnalyte));
    expect(groups.map((g) => [g.category, g.analytes.map((a) => a.id)])).toEqual([
      ["Renal", ["1", "3"]],
      ["Other", ["2"]],
    ]);
  });
});
