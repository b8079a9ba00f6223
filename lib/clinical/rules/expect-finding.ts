/** Test support for the rules: what every finding owes its readers. */
import { expect } from "vitest";
import type { Finding } from "../findings";
import { readingGrade } from "../narrative/readability";
import { RETIRED_SOURCE_IDS, SOURCES } from "../sources";

/** Cited sentences with known (not retired) sources, a question to ask, patient text free of `jargon` and at grade ≤ 9. */
export function expectWellFormed(finding: Finding, domain: string, jargon: RegExp): void {
  expect(finding.guidance.tags[0]).toBe(domain);
  expect(finding.severity).not.toBe("critical");
  expect(finding.ask).toBeTruthy();
  for (const s of [...finding.patient, ...finding.clinician]) {
    expect(s.sources.length).toBeGreaterThan(0);
    for (const source of s.sources) {
      expect(SOURCES).toHaveProperty(source);
      expect(RETIRED_SOURCE_IDS.has(source), `${finding.id} cites the retired source ${source}`).toBe(false);
    }
  }
  for (const s of finding.patient) expect(s.text).not.toMatch(jargon);
  expect(readingGrade(finding.patient.map((s) => s.text).join(" ")).grade).toBeLessThanOrEqual(9);
}
