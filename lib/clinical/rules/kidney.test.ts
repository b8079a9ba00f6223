import { describe, expect, it } from "vitest";
import { GUIDANCE, guidanceFor } from "../guidance";
import { KIDNEY_GUIDANCE } from "../guidance/kidney";
import { Panel } from "../panel";
import { measured } from "../test-support";
import { kidneyRule } from "./kidney";

const egfr = (value: number) => measured({ name: "eGFR", value, unit: "mL/min/1.73m2", range: { low: 60 } });
const acr = (value: number) => measured({ name: "Urine albumin/creatinine ratio", value, unit: "mg/g", range: { high: 30 } });
const run = (...values: ReturnType<typeof measured>[]) => kidneyRule(new Panel(values), {});
const withType2Diabetes = (...values: ReturnType<typeof measured>[]) => kidneyRule(new Panel(values), { conditions: ["t2dm"] });

describe("kidney rule (KDIGO 2024)", () => {
  it.each([
    [90, null],
    [89.9, null],
    [60, null],
    [59.9, ["eGFR 59.9: KDIGO G3a", "moderate"]],
    [45, ["eGFR 45: KDIGO G3a", "moderate"]],
    [44.9, ["eGFR 44.9: KDIGO G3b", "high"]],
    [38, ["eGFR 38: KDIGO G3b", "high"]],
    [29.9, ["eGFR 29.9: KDIGO G4", "high"]],
    [14.9, ["eGFR 14.9: KDIGO G5", "high"]],
  ] as const)("eGFR %s without albuminuria → %j", (value, expected) => {
    const findings = run(egfr(value));
    expect(findings.map((f) => [f.title, f.severity])).toEqual(expected ? [expected] : []);
  });

  it.each([
    [29.9, 95, "G1A1", null],
    [30, 95, "G1A2", "moderate"],
    [299, 75, "G2A2", "moderate"],
    [301, 75, "G2A3", "high"],
    [301, 50, "G3aA3", "high"],
    [300, 50, "G3aA2", "moderate"],
  ] as const)("ACR %s mg/g with eGFR %s → %s", (ratio, gfr, stage, severity) => {
    const findings = run(egfr(gfr), acr(ratio));
    expect(findings.map((f) => [f.title.split("KDIGO ")[1], f.severity])).toEqual(severity ? [[stage, severity]] : []);
  });

  it.each([
    [29, null],
    [30, "Urine ACR 30 mg/g: albuminuria A2"],
    [300, "Urine ACR 300 mg/g: albuminuria A2"],
    [301, "Urine ACR 301 mg/g: albuminuria A3"],
  ] as const)("reads urine ACR %s mg/g alone, without eGFR, by the KDIGO categories (A1 < 30, A2 30–300, A3 > 300)", (ratio, title) => {
    expect(run(acr(ratio)).map((f) => f.title)).toEqual(title ? [title] : []);
  });

  it("reads albuminuria without an eGFR, asking for one", () => {
    const [finding] = run(acr(45));
    expect(finding.id).toBe("kidney.albuminuria");
    expect(finding.guidance.tags).toContain("egfr-missing");
    expect(guidanceFor(finding).map((c) => c.id)).toContain("kdigo.measure-egfr");
  });

  it("never calls one measurement CKD, and asks for ACR when it is missing", () => {
    const [finding] = run(egfr(38));
    expect(finding.clinician[0].text).toContain("if persistent > 3 months");
    expect(finding.patient.map((s) => s.text).join(" ")).not.toMatch(/\bCKD\b|chronic kidney disease/);
    expect(guidanceFor(finding).map((c) => c.id)).toEqual(expect.arrayContaining(["kdigo.measure-acr", "kdigo.confirm-persistence"]));
  });

  it("recommends an SGLT2 inhibitor in type 2 diabetes only", () => {
    const ids = (findings: ReturnType<typeof run>) => findings.flatMap((f) => guidanceFor(f, 10).map((c) => c.id));
    expect(ids(withType2Diabetes(egfr(70), acr(45)))).toContain("kdigo.sglt2-diabetes");
    expect(ids(run(egfr(70), acr(45)))).not.toContain("kdigo.sglt2-diabetes");
    expect(ids(kidneyRule(new Panel([egfr(70), acr(45)]), { conditions: ["type 1 diabetes"] }))).not.toContain("kdigo.sglt2-diabetes");
  });

  it("refers at eGFR below 30 and at A3, not before", () => {
    const ids = (...values: ReturnType<typeof measured>[]) => run(...values).flatMap((f) => guidanceFor(f, 10).map((c) => c.id));
    expect(ids(egfr(29))).toContain("kdigo.referral");
    expect(ids(egfr(35))).not.toContain("kdigo.referral");
    expect(ids(egfr(70), acr(350))).toContain("kdigo.referral");
    expect(ids(egfr(70), acr(100))).not.toContain("kdigo.referral");
    expect(ids(acr(400))).toContain("kdigo.referral");
  });

  it("says once to refer when both eGFR below 30 and A3 call for it", () => {
    const texts = run(egfr(25), acr(400)).flatMap((f) => guidanceFor(f, 10).map((c) => c.text));
    expect(texts.filter((t) => /refer to specialist kidney care/i.test(t))).toHaveLength(1);
  });

  it("has no claim whose tags a kidney finding cannot carry", () => {
    const panels = [[egfr(10)], [egfr(25), acr(400)], [egfr(50), acr(100)], [egfr(95), acr(40)], [acr(400)], [acr(40)]];
    const findings = [...panels.flatMap((values) => run(...values)), ...withType2Diabetes(egfr(50))];
    const tags = new Set(findings.flatMap((f) => f.guidance.tags));
    for (const claim of KIDNEY_GUIDANCE) for (const tag of claim.requires) expect(tags, `${claim.id} requires ${tag}`).toContain(tag);
    expect(GUIDANCE).toEqual(expect.arrayContaining(KIDNEY_GUIDANCE));
  });
});
