/**
 * Properties of the string readers every format shares (lib/ingest/values.ts, dates.ts, numbers.ts): they
 * never throw, return within a budget on any text, and read back what a lab would print — a number with its
 * comparator and unit, a reference range "a-b", "<x" or ">=y" with the right bounds, a date in any of the
 * written forms as the same ISO 8601 day or instant.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNumber } from "@/lib/ingest/numbers";
import { parseDate, parseRange, parseValue } from "@/lib/ingest/values";
import { anyText, printedNumber, runs, thrownBy, UNITS, withinBudget } from "./arbitraries";

const COMPARATORS: [string, string][] = [
  ["<", "<"],
  ["<=", "<="],
  ["=<", "<="],
  ["≤", "<="],
  [">", ">"],
  [">=", ">="],
  ["=>", ">="],
  ["≥", ">="],
  ["less than ", "<"],
  ["at most ", "<="],
  ["greater than ", ">"],
  ["at least ", ">="],
];

describe("reading any text", () => {
  it("never throws and never stalls: parseValue, parseRange, parseDate, readNumber", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const [name, read] of [
          ["parseValue", parseValue],
          ["parseRange", parseRange],
          ["parseDate", parseDate],
          ["readNumber", readNumber],
        ] as const) {
          expect(thrownBy(() => withinBudget(() => read(text), undefined, `${name}(${text.length} chars)`)), name).toBeUndefined();
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it("reads a number only when it is finite", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const number = readNumber(text);
        if (number !== undefined) expect(Number.isFinite(number)).toBe(true);
        const value = parseValue(text).valueNumber;
        if (value !== undefined) expect(Number.isFinite(value)).toBe(true);
        const range = parseRange(text);
        for (const bound of [range.low, range.high]) if (bound !== undefined) expect(Number.isFinite(bound)).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });

  it("returns a date only in a form Date can read (what the pipeline stores)", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const date = parseDate(text);
        if (date !== undefined) expect(Number.isFinite(Date.parse(date)), date).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe("a value as a lab prints it", () => {
  it("reads a printed number back as that number", () => {
    fc.assert(
      fc.property(printedNumber, ({ text, value }) => {
        expect(parseValue(text)).toEqual({ valueNumber: value });
        expect(readNumber(text)).toBe(value);
      }),
      { numRuns: runs(200) },
    );
  });

  it("keeps the comparator and the unit written around the number", () => {
    fc.assert(
      fc.property(printedNumber, fc.constantFrom(...COMPARATORS), fc.constantFrom(...UNITS), fc.constantFrom("", " "), ({ text, value }, [written, comparator], unit, gap) => {
        // "5" then "10^9/L" with nothing between them is "510^9/L": a unit that starts with a digit needs the space.
        const between = /^\d/.test(unit) ? " " : gap;
        expect(parseValue(`${written}${text}${between}${unit}`)).toEqual({ valueNumber: value, comparator, unit });
      }),
      { numRuns: runs(200) },
    );
  });

  it("keeps words that are not a unit as text, never as a number", () => {
    fc.assert(
      fc.property(printedNumber, fc.constantFrom("cells seen in most fields", "or more per field", "see comment below"), ({ text }, words) => {
        expect(parseValue(`${text} ${words}`)).toEqual({ valueText: `${text} ${words}` });
      }),
      { numRuns: runs(50) },
    );
  });
});

describe("a reference range as a lab prints it", () => {
  it('reads "a-b", "a - b", "a to b", "a–b" and "a_b" as both bounds, inclusive', () => {
    fc.assert(
      fc.property(printedNumber, printedNumber, fc.constantFrom("-", " - ", "–", " to ", "_", " ~ "), fc.constantFrom("", ...UNITS), (a, b, separator, unit) => {
        const range = parseRange(`${a.text}${separator}${b.text}${unit ? ` ${unit}` : ""}`);
        expect(range).toEqual({ low: a.value, high: b.value, lowInclusive: true, highInclusive: true, ...(unit ? { unit } : {}) });
      }),
      { numRuns: runs(300) },
    );
  });

  it('reads "<x", "<=x", ">y", ">=y" (and their words) as one bound with the comparator\'s strictness', () => {
    fc.assert(
      fc.property(printedNumber, fc.constantFrom(...COMPARATORS), fc.constantFrom("", " "), ({ text, value }, [written, comparator], gap) => {
        const range = parseRange(`${written}${gap}${text}`);
        const inclusive = comparator.endsWith("=");
        expect(range).toEqual(comparator.startsWith("<") ? { high: value, highInclusive: inclusive } : { low: value, lowInclusive: inclusive });
      }),
      { numRuns: runs(200) },
    );
  });

  it("keeps a range with words beyond its bounds as written, beside the bounds", () => {
    fc.assert(
      fc.property(printedNumber, ({ text, value }) => {
        const written = `<${text} mcg/dL: Acceptable background exposure`;
        expect(parseRange(written)).toEqual({ high: value, highInclusive: false, unit: "mcg/dL", text: written });
      }),
      { numRuns: runs(50) },
    );
  });
});

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** A real calendar day between the years 1000 and 9999, as UTC parts. */
const day = fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-30T00:00:00Z"), noInvalidDate: true }).map((date) => ({
  year: date.getUTCFullYear(),
  month: date.getUTCMonth() + 1,
  day: date.getUTCDate(),
  iso: `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
}));
const clock = fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }), second: fc.integer({ min: 0, max: 60 }) });

describe("a date as a lab writes it", () => {
  it("reads every written form of one day as that day", () => {
    fc.assert(
      fc.property(day, ({ year, month, day, iso }) => {
        const name = MONTHS[month - 1];
        for (const written of [iso, `${year}${pad(month)}${pad(day)}`, `${pad(month)}/${pad(day)}/${year}`, `${name} ${day}, ${year}`, `${day} ${name} ${year}`, `${day}-${name.slice(0, 3)}-${year}`]) {
          expect(parseDate(written), written).toBe(iso);
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it("reads a time with an offset as that instant in UTC, leap seconds included", () => {
    const offset = fc.integer({ min: -12 * 60, max: 14 * 60 }).map((minutes) => ({ minutes, text: `${minutes < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}` }));
    fc.assert(
      fc.property(day, clock, offset, (d, { hour, minute, second }, zone) => {
        const local = `${d.iso}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
        // Date cannot hold a leap second (23:59:60): it is read as the second before it.
        const expected = new Date(Date.UTC(d.year, d.month - 1, d.day, hour, minute, Math.min(second, 59)) - zone.minutes * 60_000).toISOString();
        expect(parseDate(`${local}${zone.text.slice(0, 3)}:${zone.text.slice(3)}`)).toBe(expected);
        expect(parseDate(`${d.iso.replace(/-/g, "")}${pad(hour)}${pad(minute)}${pad(second)}${zone.text}`)).toBe(expected);
      }),
      { numRuns: runs(200) },
    );
  });

  it("keeps a time without an offset local, as written", () => {
    fc.assert(
      fc.property(day, clock, (d, { hour, minute, second }) => {
        const seconds = Math.min(second, 59);
        expect(parseDate(`${d.iso}T${pad(hour)}:${pad(minute)}:${pad(second)}`)).toBe(`${d.iso}T${pad(hour)}:${pad(minute)}:${pad(seconds)}`);
        expect(parseDate(`${pad(d.month)}/${pad(d.day)}/${d.year} ${pad(hour)}:${pad(minute)}`)).toBe(`${d.iso}T${pad(hour)}:${pad(minute)}:00`);
      }),
      { numRuns: runs(200) },
    );
  });

  it("reads a day that does not exist as no date at all", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.constantFrom([2, 30], [2, 31], [4, 31], [6, 31], [9, 31], [11, 31], [13, 1], [0, 10], [1, 32], [1, 0]), (year, [month, date]) => {
        expect(parseDate(`${year}-${pad(month)}-${pad(date)}`)).toBeUndefined();
        expect(parseDate(`${year}${pad(month)}${pad(date)}`)).toBeUndefined();
      }),
      { numRuns: runs(100) },
    );
  });
});
