/**
 * Column headings labs use for the parts of a result row, shared by CSV files and the tables read from
 * PDFs and scans, so "Ref Range", "Normal Range" and "Reference Interval" all land in the same place.
 */

export type Column = "name" | "value" | "unit" | "range" | "low" | "high" | "flag" | "date" | "code" | "notes" | "subject";

const HEADINGS: Record<Column, string[]> = {
  name: ["test", "test name", "tests", "analyte", "name", "component", "parameter", "investigation", "lab test", "lab", "test description", "description", "observation", "item", "examination"],
  value: ["result", "results", "value", "result value", "observed value", "reading", "your value", "observation value"],
  unit: ["unit", "units", "uom", "unit of measure", "units of measure"],
  range: ["reference range", "ref range", "normal range", "range", "reference interval", "reference", "ref interval", "reference value", "reference values", "normal values", "normal value", "biological reference interval", "bio ref interval", "standard range", "expected range", "ref"],
  flag: ["flag", "flags", "abnormal", "abnormal flag", "status", "interpretation", "h l", "indicator"],
  date: ["date", "collected", "collection date", "date collected", "result date", "observation date", "specimen date", "collected date", "sample date", "reported", "date reported", "test date", "effective date"],
  low: ["low", "ref low", "reference low", "range low", "low range", "normal low", "low normal", "lower limit", "lower bound", "ref range low", "reference range low", "min", "normal min"],
  high: ["high", "ref high", "reference high", "range high", "high range", "normal high", "high normal", "upper limit", "upper bound", "ref range high", "reference range high", "max", "normal max"],
  code: ["loinc", "loinc code", "code", "test code"],
  notes: ["notes", "note", "comment", "comments", "remarks", "remark"],
  // Who the row is about: never an analyte. Several different people in one file are refused.
  subject: ["patient", "patient name", "patient id", "patientid", "patient number", "patient no", "patient identifier", "mrn", "medical record number", "subject", "subject id", "person", "person id", "member", "member id", "member name", "first name", "last name", "given name", "family name", "surname", "full name", "participant", "participant id"],
};

const LOOKUP = new Map<string, Column>(
  (Object.entries(HEADINGS) as [Column, string[]][]).flatMap(([column, names]) => names.map((name) => [name, column] as const)),
);

/** "Ref. Range:" and "REFERENCE_RANGE" both normalise to "ref range" / "reference range". */
export function normaliseHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_./\\()[\]:#*-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The column a heading names, or undefined when it is not one Labwise knows. */
export function columnFor(heading: string): Column | undefined {
  return LOOKUP.get(normaliseHeading(heading));
}

/**
 * Headings that can only name the test, so a bare "Name" beside one is the person's. "Description" and
 * "Item" are not among them: "Name, Description, Result" is a test's name and its description.
 */
const TEST_HEADINGS = new Set(["test", "test name", "tests", "analyte", "component", "parameter", "investigation", "lab test", "test description", "examination"]);

/**
 * Maps each known heading to its index. The first heading of each kind wins, and a row counts as a
 * header only if it names at least the test and its result. A bare "Name" beside a test heading ("Name,
 * Test Name, Result") is the person's name, never the test's. `subject` lists every column that says who
 * a row is about.
 */
export function mapHeader(headings: string[]): (Partial<Record<Exclude<Column, "subject">, number>> & { subject?: number[] }) | undefined {
  const normalised = headings.map(normaliseHeading);
  const namesTheTest = normalised.some((heading) => TEST_HEADINGS.has(heading));
  const map: Partial<Record<Exclude<Column, "subject">, number>> & { subject?: number[] } = {};
  normalised.forEach((heading, index) => {
    const column = heading === "name" && namesTheTest ? "subject" : LOOKUP.get(heading);
    if (column === "subject") map.subject = [...(map.subject ?? []), index];
    else if (column && map[column] === undefined) map[column] = index;
  });
  return map.name !== undefined && map.value !== undefined ? map : undefined;
}

/** "low"/"high" columns as one range as labs print it: "3.5-5.1", ">=3.5", "<=5.1". */
export function rangeFromBounds(low: string | undefined, high: string | undefined): string | undefined {
  const [from, to] = [low?.trim(), high?.trim()];
  if (from && to) return `${from}-${to}`;
  if (from) return `>=${from}`;
  if (to) return `<=${to}`;
  return undefined;
}
