import { describe, expect, it } from "vitest";
import { interpret } from "../interpret";
import { Panel } from "../panel";
import { measured } from "../test-support";
import { criticalRule } from "./critical";
import { otherResults } from "./other-results";

describe("critical values", () => {
  it.each([
    // Kost 1990 limits for potassium: 2.8 and 6.2 mmol/L.
    [6.2, false],
    [6.3, true],
    [2.8, false],
    [2.7, true],
  ])("potassium %s mmol/L critical: %s", (value, critical) => {
    const findings = criticalRule(new Panel([measured({ name: "Potassium", value, unit: "mmol/L", range: { low: 3.5, high: 5.1 } })]), {});
    expect(findings.length).toBe(critical ? 1 : 0);
    if (critical) expect(findings[0]).toMatchObject({ severity: "critical", analytes: ["potassium"] });
  });

  it("keeps a lab's own critical flag for a test the catalogue does not know, citing nothing it did not use", () => {
    const [finding] = criticalRule(new Panel([measured({ name: "Ammonia level X", value: 250, unit: "umol/L", flag: "HH" })]), {});
    expect(finding.severity).toBe("critical");
    expect(finding.clinician[0].sources).toEqual([]);
  });
});

describe("other results", () => {
  const glucose = (value: number) => measured({ name: "Glucose", value, unit: "mg/dL", range: { low: 70, high: 99 } });

  it("is borderline within 10 % of the limit and moderate beyond", () => {
    expect(otherResults(new Panel([glucose(108)]), new Set())[0].severity).toBe("borderline");
    expect(otherResults(new Panel([glucose(109)]), new Set())[0].severity).toBe("moderate");
  });

  it("groups a category's unexplained results into one finding and skips what rules covered", () => {
    const panel = new Panel([
      measured({ name: "ALT", value: 80, unit: "U/L", range: { high: 40 } }),
      measured({ name: "AST", value: 60, unit: "U/L", range: { high: 40 } }),
      measured({ name: "Sodium", value: 130, unit: "mmol/L", range: { low: 136, high: 145 } }),
    ]);
    const findings = otherResults(panel, new Set(["alt", "ast"]));
    expect(findings.map((f) => [f.id, f.analytes])).toEqual([["results.electrolytes", ["sodium"]]]);
  });

  it("cites the catalogue only when its interval was used", () => {
    const [labRange] = otherResults(new Panel([glucose(130)]), new Set());
    expect(labRange.clinician[0].sources).toEqual([]);
    const [catalogueRange] = otherResults(new Panel([measured({ name: "Glucose", value: 130, unit: "mg/dL" })]), new Set());
    expect(catalogueRange.clinician[0].sources).toEqual(["abimReferenceRanges"]);
  });

  it("says a flagged result came without a value rather than printing an empty one", () => {
    const [finding] = otherResults(new Panel([measured({ name: "Glucose", value: "", unit: "mg/dL", flag: "H" })]), new Set());
    expect(finding.patient[0].text).toMatch(/^Your lab marked your blood sugar \(glucose\) result as higher than the usual range, but sent no value for it\./);
    expect(finding.clinician[0].text).toBe("Glucose no value reported (flagged High by the lab).");
  });

  it("leaves in-range results out of the findings", () => {
    expect(interpret(new Panel([glucose(90)]), {}).findings).toEqual([]);
  });
});
