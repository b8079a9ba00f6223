import { describe, expect, it } from "vitest";
import { interpret } from "../interpret";
import { panelOf } from "../test-support";
import { electrolytesRule } from "./electrolytes";

const calciumPanel = (calcium: number, albumin: number) =>
  panelOf({}, [
    { name: "Calcium", value: calcium, unit: "mg/dL", range: { low: 8.6, high: 10.2 } },
    { name: "Albumin", value: albumin, unit: "g/dL", range: { low: 3.5, high: 5 } },
  ]);

describe("calcium read with albumin (Payne 1973)", () => {
  it.each([
    // adjusted = calcium − albumin + 4.0
    [8.2, 3.2, "9", "within range", "info"],
    [7.8, 3.6, "8.2", "low", "moderate"],
    [10.4, 3.9, "10.5", "high", "moderate"],
  ] as const)("calcium %s with albumin %s → adjusted %s (%s)", (calcium, albumin, adjusted, reading, severity) => {
    const [finding] = electrolytesRule(calciumPanel(calcium, albumin), {});
    expect(finding.title).toContain(`adjusted calcium ${adjusted} mg/dL (${reading})`);
    expect(finding.severity).toBe(severity);
    expect(finding.clinician[0].sources).toEqual(["payneCalcium1973"]);
  });

  it("says nothing when calcium is in range, or albumin is not low enough to adjust", () => {
    expect(electrolytesRule(calciumPanel(9.2, 3.2), {})).toEqual([]);
    expect(electrolytesRule(calciumPanel(8.2, 4.2), {})).toEqual([]);
  });

  it("keeps a low calcium explained by low albumin out of the unexplained results", () => {
    const ids = interpret(calciumPanel(8.2, 3.2), {}).findings.map((f) => f.id);
    expect(ids).toContain("electrolytes.adjusted-calcium");
    expect(ids).not.toContain("results.minerals");
  });
});

describe("potassium with RAS blockade or a low eGFR (KDIGO 2024)", () => {
  const potassium = (value: number, extra: Parameters<typeof panelOf>[1] = []) => panelOf({ age: 70, sex: "male" }, [{ name: "Potassium", value, unit: "mmol/L", range: { low: 3.5, high: 5.1 } }, ...extra]);

  it("advises potassium-lowering measures over stopping the RAS inhibitor when one is taken", () => {
    const [finding] = electrolytesRule(potassium(5.6), { medications: ["losartan 50 mg"] });
    expect(finding.id).toBe("electrolytes.hyperkalaemia-context");
    expect(finding.clinician[0].text).toContain("rather than stopping RAS inhibition");
    expect(finding.patient[0].text).toContain("Do not stop any medicine on your own");
  });

  it("points at reduced excretion, not at a drug the patient is not known to take, with a low eGFR", () => {
    const [finding] = electrolytesRule(potassium(5.6, [{ name: "Creatinine", value: 1.9, unit: "mg/dL" }]), { age: 70, sex: "male" });
    expect(finding.title).toMatch(/with eGFR 3\d/);
    expect(finding.clinician[0].text).not.toContain("RAS inhibition");
  });

  it("leaves an isolated high potassium to the out-of-range summary, and a critical one to the critical rule", () => {
    expect(electrolytesRule(potassium(5.6), {})).toEqual([]);
    expect(electrolytesRule(potassium(6.6), { medications: ["lisinopril"] })).toEqual([]);
  });
});
