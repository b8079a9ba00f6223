/**
 * Properties of unit handling (lib/clinical/units.ts, normalize.ts): a printed unit of any text is read as a
 * UCUM code or null, never an exception; a conversion gives a finite number or null; converting there and
 * back gives the value again; and a received analyte of any shape is normalised without throwing, with a
 * flag the engine knows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "@/lib/clinical/catalogue";
import { normalizeAnalyte, type PatientFacts } from "@/lib/clinical/normalize";
import { convert, toUcum } from "@/lib/clinical/units";
import { anyText, nastyText, runs, thrownBy, UNITS, withinBudget } from "./arbitraries";

const FLAGS = ["Low", "High", "Normal", "Critical", "Abnormal", "Indeterminate", null];
const printedUnit = fc.oneof(fc.constantFrom(...UNITS, "mg/dl", "K/uL", "×10⁹/L", "mEq/L", "mcg/dL", "mg/g crea", "g/l-1", "IU/L", "%", "mmol/mol"), nastyText(6), anyText);
/** Pairs of commensurable units with a factor, as labs report the same analyte in either. */
const PAIRS: [string, string][] = [
  ["mg/dL", "g/L"],
  ["mmol/L", "umol/L"],
  ["g/dL", "g/L"],
  ["10*3/uL", "10*9/L"],
  ["ng/mL", "ug/L"],
  ["U/L", "U/mL"],
];

describe("printed units", () => {
  it("read as a UCUM code or null, never an exception, within the budget", () => {
    fc.assert(
      fc.property(printedUnit, (unit) => {
        let code: string | null = null;
        expect(thrownBy(() => (code = withinBudget(() => toUcum(unit), undefined, "toUcum")))).toBeUndefined();
        if (code !== null) expect(typeof code).toBe("string");
      }),
      // The first is what fast-check found in CI: quadratic in the UCUM parser and the qualifier pattern.
      { numRuns: runs(300), examples: [[`${"0".repeat(16_000)}%`], [`${"mg/".repeat(5000)}dL`]] },
    );
  });

  it("convert to a finite number or null, whatever the units and the value", () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY));
    fc.assert(
      fc.property(value, printedUnit, printedUnit, fc.option(fc.double(), { nil: undefined }), (number, from, to, molarMass) => {
        const result = thrownBy(() => {
          const converted = convert(number, toUcum(from) ?? from, toUcum(to) ?? to, { molarMass });
          if (converted !== null && (toUcum(from) ?? from) !== (toUcum(to) ?? to)) expect(Number.isFinite(converted)).toBe(true);
        });
        expect(result).toBeUndefined();
      }),
      { numRuns: runs(300) },
    );
  });

  it("convert there and back to the same value", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.constantFrom(...PAIRS), (value, [from, to]) => {
        const there = convert(value, from, to);
        expect(there).not.toBeNull();
        expect(convert(there!, to, from)).toBeCloseTo(value, 6);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe("normalising a received analyte", () => {
  const names = fc.oneof(fc.constantFrom(...CATALOGUE.map((definition) => definition.name)), nastyText(6));
  const number = fc.oneof(fc.double(), fc.integer(), fc.constant(null));
  const range = fc.option(fc.record({ low: fc.option(number, { nil: undefined }), high: fc.option(number, { nil: undefined }) }), { nil: null });
  const received = fc.record({
    name: names,
    loinc: fc.option(fc.oneof(fc.constantFrom(...CATALOGUE.flatMap((definition) => definition.loinc)), nastyText(3)), { nil: null }),
    valueNumber: fc.option(number, { nil: undefined }),
    comparator: fc.option(fc.constantFrom("<", "<=", ">", ">=", "~", ""), { nil: null }),
    valueText: fc.option(nastyText(4), { nil: null }),
    unit: fc.option(printedUnit, { nil: null }),
    range,
    reportedFlag: fc.option(fc.oneof(fc.constantFrom("H", "L", "HH", "LL", "A", "N", "critical"), nastyText(3)), { nil: null }),
  });
  const patient: fc.Arbitrary<PatientFacts> = fc.record(
    { sex: fc.constantFrom("female" as const, "male" as const), age: fc.integer({ min: -5, max: 150 }), conditions: fc.array(nastyText(3), { maxLength: 3 }) },
    { requiredKeys: [] },
  );

  it("never throws, and flags with a flag the engine knows", () => {
    fc.assert(
      fc.property(received, patient, (input, facts) => {
        let flag: unknown;
        expect(thrownBy(() => (flag = withinBudget(() => normalizeAnalyte(input, facts), undefined, "normalizeAnalyte").flag))).toBeUndefined();
        expect(FLAGS).toContain(flag);
      }),
      { numRuns: runs(300) },
    );
  });
});
