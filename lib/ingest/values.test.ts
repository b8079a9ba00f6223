import { describe, expect, it } from "vitest";
import type { ParsedRange, ParsedValue } from "./types";
import { parseDate, parseRange, parseValue } from "./values";

describe("parseValue", () => {
  it.each<[string, ParsedValue]>([
    ["1.8 mg/dL", { valueNumber: 1.8, unit: "mg/dL" }],
    ["7.2%", { valueNumber: 7.2, unit: "%" }],
    ["12500 /uL", { valueNumber: 12500, unit: "/uL" }],
    ["4.5 x10^3/uL", { valueNumber: 4.5, unit: "x10^3/uL" }],
    ["1,234", { valueNumber: 1234 }],
    ["150,000 /uL", { valueNumber: 150000, unit: "/uL" }],
    ["12,5", { valueNumber: 12.5 }],
    ["0,75 mmol/L", { valueNumber: 0.75, unit: "mmol/L" }],
    ["1.234,5", { valueNumber: 1234.5 }],
    ["182", { valueNumber: 182 }],
    ["-2.5 mmol/L", { valueNumber: -2.5, unit: "mmol/L" }],
    ["<5", { valueNumber: 5, comparator: "<" }],
    [">1000", { valueNumber: 1000, comparator: ">" }],
    ["<=5.7", { valueNumber: 5.7, comparator: "<=" }],
    ["≤ 5.7", { valueNumber: 5.7, comparator: "<=" }],
    [">= 60", { valueNumber: 60, comparator: ">=" }],
    ["≥60 mL/min", { valueNumber: 60, comparator: ">=", unit: "mL/min" }],
    ["less than 0.5 ng/mL", { valueNumber: 0.5, comparator: "<", unit: "ng/mL" }],
    ["Negative", { valueText: "Negative" }],
    ["Positive", { valueText: "Positive" }],
    ["Trace", { valueText: "Trace" }],
    ["Not detected", { valueText: "Not detected" }],
    ["Detected", { valueText: "Detected" }],
    ["1+", { valueText: "1+" }],
    ["2+", { valueText: "2+" }],
    ["Reactive", { valueText: "Reactive" }],
    ["Non-reactive", { valueText: "Non-reactive" }],
    ["10-20", { valueText: "10-20" }],
    ["1:128", { valueText: "1:128" }],
    ["Many spherocytes present.", { valueText: "Many spherocytes present." }],
    ["2 or more cells seen in most fields", { valueText: "2 or more cells seen in most fields" }],
    ["", {}],
  ])("%j", (raw, expected) => {
    expect(parseValue(raw)).toEqual(expected);
  });

  it("keeps text results out of the numeric fields", () => {
    for (const text of ["Negative", "2+", "Non-reactive", "Trace"]) {
      const parsed = parseValue(text);
      expect(parsed.valueNumber).toBeUndefined();
      expect(parsed.comparator).toBeUndefined();
    }
  });
});

describe("parseRange", () => {
  it.each<[string, ParsedRange]>([
    ["0.7-1.3 mg/dL", { low: 0.7, high: 1.3, lowInclusive: true, highInclusive: true, unit: "mg/dL" }],
    ["0.7 - 1.3", { low: 0.7, high: 1.3, lowInclusive: true, highInclusive: true }],
    ["4.5 - 5.6", { low: 4.5, high: 5.6, lowInclusive: true, highInclusive: true }],
    ["13 to 18", { low: 13, high: 18, lowInclusive: true, highInclusive: true }],
    ["70_105", { low: 70, high: 105, lowInclusive: true, highInclusive: true }],
    ["3.5–5.5", { low: 3.5, high: 5.5, lowInclusive: true, highInclusive: true }],
    ["150,000 - 400,000 /uL", { low: 150000, high: 400000, lowInclusive: true, highInclusive: true, unit: "/uL" }],
    [">60", { low: 60, lowInclusive: false }],
    ["<5.7", { high: 5.7, highInclusive: false }],
    ["<200", { high: 200, highInclusive: false }],
    [">40", { low: 40, lowInclusive: false }],
    ["<= 5.7 %", { high: 5.7, highInclusive: true, unit: "%" }],
    ["≥ 60", { low: 60, lowInclusive: true }],
    [
      "<9 mcg/dL:  Acceptable background lead exposure",
      { high: 9, highInclusive: false, unit: "mcg/dL", text: "<9 mcg/dL: Acceptable background lead exposure" },
    ],
    ["Negative", { text: "Negative" }],
    ["", {}],
  ])("%j", (raw, expected) => {
    expect(parseRange(raw)).toEqual(expected);
  });
});

describe("parseDate", () => {
  it.each<[string, string | undefined]>([
    ["2025-01-15", "2025-01-15"],
    ["2025-01-15T08:30:00Z", "2025-01-15T08:30:00.000Z"],
    ["2013-04-02T09:30:10+01:00", "2013-04-02T08:30:10.000Z"],
    ["2025-01-15T08:30:00", "2025-01-15T08:30:00"],
    ["20250115083000", "2025-01-15T08:30:00"],
    ["202501150830-0500", "2025-01-15T13:30:00.000Z"],
    ["20141006062700+0700", "2014-10-05T23:27:00.000Z"],
    ["20120301", "2012-03-01"],
    ["March 10, 2026", "2026-03-10"],
    ["Mar 10 2026", "2026-03-10"],
    ["10 March 2026", "2026-03-10"],
    ["01/15/2025", "2025-01-15"],
    ["15/01/2025", "2025-01-15"],
    ["01/15/2025 8:30 PM", "2025-01-15T20:30:00"],
    ["2025-02-30", undefined],
    ["13/13/2025", undefined],
    ["soon", undefined],
    ["", undefined],
  ])("%j → %j", (raw, expected) => {
    expect(parseDate(raw)).toBe(expected);
  });
});
