import { describe, expect, it } from "vitest";
import { readMicrobiology, StoredJsonError, writeMicrobiology } from ".";

const culture = {
  test: "Urine culture",
  organism: "Escherichia coli",
  susceptibilities: [{ antibiotic: "Ampicillin", mic: ">=32", interpretation: "R" as const }],
};

describe("lab_results.microbiology codec", () => {
  it("stores the agreed envelope and reads the cultures back", () => {
    const stored = writeMicrobiology([culture]);
    expect(stored).toEqual({ version: 1, results: [culture] });
    expect(readMicrobiology(JSON.parse(JSON.stringify(stored)), "lab-1")).toEqual([culture]);
  });

  it("reads an empty column as no cultures", () => {
    expect(readMicrobiology(null, "lab-1")).toEqual([]);
  });

  it("refuses a stored value with an interpretation that is not S, I, R, SDD or NS, naming the lab", () => {
    const bad = { version: 1, results: [{ ...culture, susceptibilities: [{ antibiotic: "Ampicillin", interpretation: "H" }] }] };
    expect(() => readMicrobiology(bad, "lab-1")).toThrow(StoredJsonError);
    expect(() => readMicrobiology(bad, "lab-1")).toThrow(/lab_results.microbiology of lab result lab-1/);
  });
});
