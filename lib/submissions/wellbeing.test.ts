import { describe, expect, it } from "vitest";
import { IN_RANGE_OUTCOME, NOTICES, WELLBEING_LABELS, WELLBEING_OUTCOME_IDS, wellbeingNotices, wellbeingOutcomes } from "./wellbeing";

describe("the wellbeing vocabulary", () => {
  it("labels every outcome id in plain words, and every id is wellbeing.<area>.<level>", () => {
    for (const id of WELLBEING_OUTCOME_IDS) {
      expect(id).toMatch(/^wellbeing\.[a-z_]+\.[a-z_]+$/);
      expect(WELLBEING_LABELS[id]).toMatch(/^[A-Z][^.`]+$/);
    }
    expect(new Set(WELLBEING_OUTCOME_IDS).size).toBe(WELLBEING_OUTCOME_IDS.length);
  });

  it("gives one outcome per area at its most urgent level, most urgent first", () => {
    const outcomes = wellbeingOutcomes([
      { id: "glycemia.prediabetes-range", severity: "borderline" },
      { id: "kidney.ckd-category", severity: "moderate" },
      { id: "kidney.albuminuria", severity: "high" },
      { id: "critical.potassium", severity: "critical" },
      { id: "thyroid.tsh-missing", severity: "info" },
    ]);
    expect(outcomes.map((o) => o.id)).toEqual(["wellbeing.general.urgent", "wellbeing.kidney.review", "wellbeing.blood_sugar.watch", "wellbeing.thyroid.info"]);
    expect(outcomes[1].label).toBe("Kidney health: worth discussing with a clinician");
  });

  it("puts a finding of a rule it does not know under other results, never under its own name", () => {
    expect(wellbeingOutcomes([{ id: "newrule.something", severity: "high" }]).map((o) => o.id)).toEqual(["wellbeing.general.review"]);
  });

  it("is in range when nothing stands out, and says when values could not be judged", () => {
    const findings = [{ id: "results.indeterminate", severity: "info" as const }];
    const outcomes = wellbeingOutcomes(findings);
    expect(outcomes.map((o) => o.id)).toEqual([IN_RANGE_OUTCOME]);
    expect(wellbeingNotices({ outcomes, findings, skipped: 2 }).map((n) => n.message)).toEqual([NOTICES.indeterminate, NOTICES.skipped, NOTICES.notDiagnosis]);
  });

  it("tells the reader to act promptly when an outcome is urgent", () => {
    const outcomes = wellbeingOutcomes([{ id: "critical.glucose", severity: "critical" }]);
    expect(wellbeingNotices({ outcomes, findings: [], skipped: 0 })[0].message).toBe(NOTICES.urgent);
  });
});
