/**
 * Column headings labs use for the parts of a result row, shared by CSV files and the tables read from
 * PDFs and scans, so "Ref Range", "Normal Range" and "Reference Interval" all land in the same place.
 */

export type Column = "name" | "value" | "unit" | "range" | "flag" | "date" | "code" | "notes";

const HEADINGS: Record<Column, string[]> = {
  name: ["test", "test name", "tests", "analyte", "name", "component", "parameter", "investigation", "lab test", "lab", "test description", "description", "observation", "item", "examination"],
  value: ["result", "results", "value", "result value", "observed value", "reading", "your value", "observation value"],
  unit: ["unit", "units", "uom", "unit of measure", "units of measure"],
  range: ["reference range", "ref range", "normal range", "range", "reference interval", "reference", "ref interval", "reference value", "reference values", "normal values", "normal value", "biological reference interval", "bio ref interval", "standard range", "expected range", "ref"],
  flag: ["flag", "flags", "abnormal", "abnormal flag", "status", "interpretation", "h l", "indicator"],
  date: ["date", "collected", "collection date", "date collected", "result date", "observation date", "specimen date", "collected date", "sample date", "reported", "date reported", "test date", "effective date"],
  code: ["loinc", "loinc code", "code", "test code"],
  notes: ["notes", "note", "comment", "comments", "remarks", "remark"],
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
 * Maps each known heading to its index. The first heading of each kind wins, and a row counts as a
 * header only if it names at least the test and its result.
 */
export function mapHeader(headings: string[]): Partial<Record<Column, number>> | undefined {
  const map: Partial<Record<Column, number>> = {};
  headings.forEach((heading, index) => {
    const column = columnFor(heading);
    if (column && map[column] === undefined) map[column] = index;
  });
  return map.name !== undefined && map.value !== undefined ? map : undefined;
}
