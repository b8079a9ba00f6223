/**
 * Properties of the lab-file readers (lib/ingest): CSV, HL7 v2, FHIR, JSON items, the printed-table reader
 * behind PDFs and scans, and `extractLab`, the entry every uploaded file goes through.
 *
 * - Whatever the bytes, a reader returns or throws `ExtractionError` (a reason written for the person who
 *   sent the file), within a time budget — never a TypeError, a RangeError or a stack overflow.
 * - What a source says comes back: a CSV built from generated rows, an HL7 ORU^R01 built from generated OBX
 *   segments (names with every HL7 delimiter, escaped), a FHIR Bundle and JSON items built from generated
 *   results yield exactly those analytes, in order, with their numbers.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_LIMITS, ExtractionError, detectFormat, extractLab } from "@/lib/ingest";
import { extractCsv, looksLikeCsv } from "@/lib/ingest/csv";
import { deidentifyText } from "@/lib/ingest/deidentify";
import { extractFhir } from "@/lib/ingest/fhir";
import { extractHl7v2 } from "@/lib/ingest/hl7v2";
import { extractItems } from "@/lib/ingest/json";
import { readLabRows } from "@/lib/ingest/lab-rows";
import { cluesFromText, readBirthDate, readSex } from "@/lib/ingest/patient";
import { parseDate, parseRange, parseValue } from "@/lib/ingest/values";
import { textReportPdf } from "../fixtures/lab-documents";
import { sample } from "../fixtures/samples";
import { anyText, nastyText, printedNumber, rejectionOf, runs, spoil, thrownBy, UNITS, withinBudget, withinBudgetAsync } from "./arbitraries";

const encode = (text: string) => new TextEncoder().encode(text);

// PDF.js reports every oddity of a damaged PDF on the console ("Warning: Indexing all PDF objects"); hundreds of
// generated files would bury the test's own output.
beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** Fails with the thrown value when it is anything but the module's own error. */
function expectOnlyExtractionError(error: unknown) {
  if (error === undefined || error instanceof ExtractionError) return;
  throw new Error(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} instead of ExtractionError`, { cause: error });
}

/** A test name as a source might write it: any text with a letter in it, no line breaks, nothing to trim. */
const testName = nastyText(12)
  .map((text) => `G${text.replace(/[\r\n\u2028\u2029\u0085]/g, " ")}`.trim())
  .filter((name) => name.length > 0 && name.length <= 200);

/** A result as generated: a name, a printed number, a unit and a two-sided range. */
const result = fc.record({ name: testName, value: printedNumber, unit: fc.constantFrom(...UNITS), low: printedNumber, high: printedNumber });
const results = fc.array(result, { minLength: 1, maxLength: 25 });
type Row = typeof result extends fc.Arbitrary<infer T> ? T : never;

describe("CSV", () => {
  it("reads any text, or refuses it with a reason, within the budget", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom("", "Test,Result,Unit,Reference Range\n", "Name;Value\r\n", "test\tresult\tdate\r"), (text, header) => {
        expectOnlyExtractionError(thrownBy(() => withinBudget(() => extractCsv(header + text), undefined, "extractCsv")));
        expect(thrownBy(() => looksLikeCsv(header + text))).toBeUndefined();
      }),
      { numRuns: runs(300) },
    );
  });

  it("yields the generated rows as analytes, in order, whatever the quoting and line endings", () => {
    const quote = (cell: string) => (/[",;\t|\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell);
    fc.assert(
      fc.property(results, fc.constantFrom("\n", "\r\n", "\r"), (rows, newline) => {
        const lines = ["Test,Result,Unit,Reference Range", ...rows.map((r) => [r.name, r.value.text, r.unit, `${r.low.text}-${r.high.text}`].map(quote).join(","))];
        const read = extractCsv(lines.join(newline) + newline);
        expect(read.skipped).toEqual([]);
        expect(read.analytes.map((a) => [a.name, a.value, a.unit, a.referenceRange])).toEqual(
          rows.map((r) => [r.name, r.value.text, r.unit, `${r.low.text}-${r.high.text}`]),
        );
        read.analytes.forEach((analyte, index) => {
          expect(analyte.parsed.valueNumber).toBe(rows[index].value.value);
          expect(analyte.parsed.range).toMatchObject({ low: rows[index].low.value, high: rows[index].high.value });
        });
      }),
      { numRuns: runs(100) },
    );
  });
});

/** HL7 v2.5.1 §2.7: the delimiters written inside a field as escape sequences. */
const hl7Escape = (text: string) => text.replace(/\\/g, "\\E\\").replace(/\|/g, "\\F\\").replace(/\^/g, "\\S\\").replace(/&/g, "\\T\\").replace(/~/g, "\\R\\");

function oru(rows: Row[]) {
  return [
    "MSH|^~\\&|LAB|FAC|LABWISE|FAC|20250115083000||ORU^R01|MSG1|P|2.5.1",
    "PID|1||PAT1^^^LAB^MR||DOE^JANE||19700101|F",
    "OBR|1|ORD1|FIL1|24323-8^Panel^LN|||20250115080000",
    ...rows.map((r, i) => `OBX|${i + 1}|NM|T${i}^${hl7Escape(r.name)}^L||${r.value.text}|${hl7Escape(r.unit)}|${r.low.text}-${r.high.text}|N|||F`),
  ].join("\r");
}

describe("HL7 v2", () => {
  it("reads any text, or refuses it with a reason, within the budget", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom("", "MSH|^~\\&|", "MSH|^~\\&|A|B|C|D|20250101||ORU^R01|1|P|2.5.1\rOBX|1|NM|", "FHS|^~\\&\rMSH", "MSH\n"), (text, prefix) => {
        expectOnlyExtractionError(thrownBy(() => withinBudget(() => extractHl7v2(prefix + text), undefined, "extractHl7v2")));
      }),
      // What fast-check found in CI: "MSHM", a letter read as the field separator, crashed the HL7 parser.
      { numRuns: runs(300), examples: [["M", "FHS|^~\\&\rMSH"]] },
    );
  });

  it("reads any segment soup after a valid header without throwing", () => {
    const segment = fc.tuple(fc.constantFrom("OBX", "OBR", "NTE", "PID", "ORC", "SPM", "ZZZ"), fc.array(nastyText(4), { maxLength: 30 })).map(([name, fields]) => [name, ...fields].join("|"));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 40 }), (segments) => {
        const message = ["MSH|^~\\&|LAB|FAC|LW|FAC|20250115||ORU^R01|1|P|2.5.1", ...segments].join("\r");
        expectOnlyExtractionError(thrownBy(() => withinBudget(() => extractHl7v2(message), undefined, "extractHl7v2")));
      }),
      { numRuns: runs(300) },
    );
  });

  it("yields the generated OBX segments as analytes, names unescaped exactly", () => {
    fc.assert(
      fc.property(results, (rows) => {
        const read = extractHl7v2(oru(rows));
        expect(read.skipped).toEqual([]);
        expect(read.analytes.map((a) => [a.name, a.value, a.unit, a.referenceRange])).toEqual(rows.map((r) => [r.name, r.value.text, r.unit, `${r.low.text}-${r.high.text}`]));
        read.analytes.forEach((analyte, index) => expect(analyte.parsed.valueNumber).toBe(rows[index].value.value));
      }),
      { numRuns: runs(150) },
    );
  });
});

/** A generated result as a FHIR R4 laboratory Observation. */
const observation = (r: Pick<Row, "name" | "unit"> & { value: { value: number }; low: { value: number }; high: { value: number } }, index: number) => ({
  resourceType: "Observation",
  id: `obs-${index}`,
  status: "final",
  category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "laboratory" }] }],
  code: { text: r.name },
  subject: { reference: "Patient/p1" },
  valueQuantity: { value: r.value.value, unit: r.unit },
  referenceRange: [{ low: { value: r.low.value, unit: r.unit }, high: { value: r.high.value, unit: r.unit } }],
});

const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nastyText(8), fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2, "", [], {}, null));

describe("FHIR", () => {
  it("yields a generated Bundle's Observations as analytes with their numbers and ranges", () => {
    fc.assert(
      fc.property(results, (rows) => {
        const bundle = { resourceType: "Bundle", type: "collection", entry: [{ fullUrl: "Patient/p1", resource: { resourceType: "Patient", id: "p1", gender: "female" } }, ...rows.map((r, i) => ({ resource: observation(r, i) }))] };
        const read = extractFhir(JSON.parse(JSON.stringify(bundle)));
        expect(read.analytes.map((a) => a.name)).toEqual(rows.map((r) => r.name));
        read.analytes.forEach((analyte, index) => {
          expect(analyte.parsed.valueNumber).toBe(rows[index].value.value);
          expect(analyte.parsed.range).toMatchObject({ low: rows[index].low.value, high: rows[index].high.value });
        });
      }),
      { numRuns: runs(100) },
    );
  });

  it("reads a Bundle with any one value replaced by any JSON through extractLab, or refuses it with a reason", async () => {
    await fc.assert(
      fc.asyncProperty(results, fc.array(fc.nat(), { maxLength: 8 }), jsonValue, async (rows, path, replacement) => {
        const bundle = { resourceType: "Bundle", type: "collection", entry: rows.map((r, i) => ({ fullUrl: `Observation/obs-${i}`, resource: observation(r, i) })) };
        const bytes = encode(JSON.stringify(spoil(bundle, path, replacement)));
        const error = await rejectionOf(() => withinBudgetAsync(() => extractLab({ bytes }), undefined, "extractLab(FHIR)"));
        expectOnlyExtractionError(error);
      }),
      { numRuns: runs(150) },
    );
  });

  it("reads a JSON number too large for a double (1e400, which JSON.parse makes Infinity) as no number", async () => {
    const glucose = (value: string, low: string) =>
      `{"resourceType":"Observation","status":"final","category":[{"coding":[{"code":"laboratory"}]}],"code":{"text":"Glucose"},` +
      `"valueQuantity":{"value":${value},"unit":"mmol/L"},"referenceRange":[{"low":{"value":${low}},"high":{"value":7.8}}]}`;
    const tooLarge = await extractLab({ bytes: encode(glucose("1e400", "3.9")) });
    expect(tooLarge.analytes).toEqual([]);
    expect(tooLarge.skipped).toEqual([{ reason: "Glucose has no value", where: "Observation" }]);
    const [read] = (await extractLab({ bytes: encode(glucose("5.2", "-1e999")) })).analytes;
    expect(read.parsed).toMatchObject({ valueNumber: 5.2, range: { high: 7.8 } });
    expect(read.parsed.range?.low).toBeUndefined();
    expect(read.referenceRange).toBe("<=7.8");
  });
});

describe("JSON lab items (agent and submission APIs, JSON files)", () => {
  it("reads any list of JSON values, or refuses it with a reason", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(jsonValue, fc.record({ name: jsonValue, value: jsonValue, unit: jsonValue, date: jsonValue, patientId: jsonValue }, { requiredKeys: [] })), { maxLength: 20 }), (items) => {
        expectOnlyExtractionError(thrownBy(() => withinBudget(() => extractItems(items), undefined, "extractItems")));
      }),
      { numRuns: runs(300) },
    );
  });

  it("yields generated items as analytes, numbers given as numbers or as text", () => {
    fc.assert(
      fc.property(results, fc.boolean(), (rows, asNumbers) => {
        const items = rows.map((r) => ({ name: r.name, value: asNumbers ? r.value.value : r.value.text, unit: r.unit, referenceRange: `${r.low.text}-${r.high.text}` }));
        const read = extractItems(items);
        expect(read.analytes.map((a) => a.name)).toEqual(rows.map((r) => r.name));
        read.analytes.forEach((analyte, index) => expect(analyte.parsed.valueNumber).toBe(rows[index].value.value));
      }),
      { numRuns: runs(100) },
    );
  });
});

describe("printed tables (PDF text layers and OCR)", () => {
  const cell = fc.record({ text: fc.oneof({ weight: 9, arbitrary: nastyText(10) }, { weight: 1, arbitrary: anyText }), x0: fc.integer({ min: 0, max: 600 }), width: fc.integer({ min: 1, max: 200 }) });
  const line = fc.array(cell, { minLength: 1, maxLength: 8 });

  it("reads any lines of cells without throwing, within the budget", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const textLines = lines.map((cells, index) => ({ page: 1, number: index + 1, cells: cells.map((c) => ({ text: c.text, x0: c.x0, x1: c.x0 + c.width })).sort((a, b) => a.x0 - b.x0) }));
        expect(thrownBy(() => withinBudget(() => readLabRows(textLines, () => 6), undefined, "readLabRows"))).toBeUndefined();
      }),
      { numRuns: runs(200) },
    );
  });
});

describe("patient clues and de-identification", () => {
  it("read any text without throwing, within the budget", () => {
    fc.assert(
      fc.property(anyText, fc.array(nastyText(10), { maxLength: 10 }), (text, lines) => {
        const readers: [string, () => unknown][] = [
          ["readSex", () => readSex(text)],
          ["readBirthDate", () => readBirthDate(text)],
          ["cluesFromText", () => cluesFromText([text, ...lines])],
          ["deidentifyText", () => deidentifyText(text)],
        ];
        for (const [name, action] of readers) {
          expect(thrownBy(() => withinBudget(action, undefined, `${name}(${text.length} chars)`)), name).toBeUndefined();
        }
      }),
      { numRuns: runs(200) },
    );
  });
});

/**
 * Text shaped to make a backtracking pattern rescan it from every position: a long run of what a pattern's
 * repeated part takes, ending in what makes it fail. 100,000 characters: linear readers take milliseconds;
 * a quadratic one takes many seconds (a run of 40,000 dots took the e-mail detector 1.5 s before it was fixed;
 * two 4,000-letter mixed-case words took the name detector 46 s).
 */
const RUNS: [string, string][] = [
  ["a leader of dots", `Glucose ${".".repeat(100_000)} 99 mg/dL 70 - 99`],
  ["a run of spaces", `1${" ".repeat(100_000)}x`],
  ["one long word, then brackets", `${"a".repeat(80_000)} 5 mg ${"(".repeat(20_000)}`],
  ["name-like words", "Jane Doe ".repeat(11_000)],
  ["two long mixed-case words", `${"Ab".repeat(25_000)} ${"Cd".repeat(25_000)}1`],
  ["words and numbers", "a 1 mg ".repeat(14_000)],
  ["labels", "MRN ".repeat(25_000)],
  ["comparator words", "less than ".repeat(10_000)],
  ["digits", "1".repeat(100_000)],
  ["numbers with separators", "1,1.".repeat(25_000)],
  ["half an e-mail address", "a@".repeat(50_000)],
  ["host-like text", "www.".repeat(25_000)],
  ["street-like text", "1 Main ".repeat(14_000)],
  ["date labels", "DOB: 1".repeat(16_000)],
  ["phone-like text", "+1 (".repeat(25_000)],
  ["HL7 delimiters and escapes", "^~\\&|".repeat(20_000)],
  ["CSV quotes", '"'.repeat(100_000)],
  ["line breaks", "\r\n\r".repeat(33_000)],
];

describe("long runs of text", () => {
  it.each(RUNS)("are read in linear time: %s", (_, text) => {
    const readers: [string, () => unknown][] = [
      ["parseValue", () => parseValue(text)],
      ["parseRange", () => parseRange(text)],
      ["parseDate", () => parseDate(text)],
      ["readLabRows", () => readLabRows([{ page: 1, number: 1, cells: [{ text, x0: 0, x1: 500 }] }], () => 6)],
      ["deidentifyText", () => deidentifyText(text)],
      ["cluesFromText", () => cluesFromText([text])],
      ["extractCsv", () => extractCsv(`Test,Result,Notes\nGlucose,99,${text}\n${text}`)],
      ["extractHl7v2", () => extractHl7v2(`MSH|^~\\&|A|B|C|D|20250101||ORU^R01|1|P|2.5.1\rOBX|1|NM|1^${text}^L||${text}|${text}|${text}\rNTE|1||${text}`)],
      ["extractItems", () => extractItems([{ name: text, value: text, unit: text, referenceRange: text, date: text, notes: text }])],
    ];
    for (const [name, read] of readers) expectOnlyExtractionError(thrownBy(() => withinBudget(read, undefined, name)));
  });
});

/** Byte-level damage to a valid file: flipped bytes, a cut, a spliced-in run of noise. */
const damage = (bytes: Uint8Array) =>
  fc
    .record({
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      splice: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 64 })), { nil: undefined }),
    })
    .map(({ flips, cut, splice }) => {
      let out = Uint8Array.from(bytes);
      for (const [at, value] of flips) out[at % out.length] = value;
      if (splice) {
        const at = splice[0] % out.length;
        out = Uint8Array.from([...out.subarray(0, at), ...splice[1], ...out.subarray(at)]);
      }
      if (cut !== undefined) out = out.subarray(0, Math.max(1, cut % out.length));
      return out;
    });

/** OCR is not the parser under test, and a damaged page rendered for OCR would cost seconds per run. */
const NO_OCR = { ...DEFAULT_LIMITS, maxOcrPages: 0 };

describe("extractLab, the entry every uploaded file goes through", () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await textReportPdf();
  });

  it("reads any bytes, or refuses them with a reason, within the budget", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 4096 }), anyText.map(encode), fc.tuple(fc.constantFrom("%PDF-1.7\n", "MSH|^~\\&|", '{"resourceType":"Bundle","entry":', "[", "Test,Result\n", "\ufeff"), anyText).map(([head, tail]) => encode(head + tail))),
        fc.constantFrom(undefined, "text/csv", "application/pdf", "application/json"),
        async (bytes, contentType) => {
          expect(thrownBy(() => detectFormat(bytes, { contentType }))).toBeUndefined();
          expectOnlyExtractionError(await rejectionOf(() => withinBudgetAsync(() => extractLab({ bytes, contentType }, NO_OCR), undefined, "extractLab")));
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it("reads damaged copies of the sample CSV, HL7, FHIR and JSON files, or refuses them with a reason", async () => {
    const samples = [
      encode("Test,Result,Unit,Reference Range,Date\nGlucose,99,mg/dL,70-99,2025-01-15\nSodium,141,mmol/L,136-145,2025-01-15\n"),
      sample("LAB-ORU-1.hl7"),
      sample("ORU_R01_2.5.1_SampleTestCase1.hl7"),
      sample("diagnosticreport-metabolic-panel.json"),
      encode(JSON.stringify({ labResults: [{ name: "Glucose", value: "99", unit: "mg/dL", referenceRange: "70-99", date: "2025-01-15" }] })),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...samples.keys()).chain((index) => damage(samples[index])), async (bytes) => {
        expectOnlyExtractionError(await rejectionOf(() => withinBudgetAsync(() => extractLab({ bytes }, NO_OCR), undefined, "extractLab")));
      }),
      { numRuns: runs(150) },
    );
  });

  it("reads damaged copies of a PDF report, or refuses them with a reason", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constant(null).chain(() => damage(pdf)), async (bytes) => {
        expectOnlyExtractionError(await rejectionOf(() => withinBudgetAsync(() => extractLab({ bytes }, NO_OCR), 15_000, "extractLab(PDF)")));
      }),
      { numRuns: runs(25) },
    );
  }, 120_000);
});
