import { describe, expect, it } from "vitest";
import { SOURCES } from "../sources";
import { CATALOGUE } from "./index";

// UCUM case-sensitive syntax: atoms, prefixes, exponents written with * or digits, [..] and {..} annotations.
const UCUM_LIKE = /^(?:[A-Za-z0-9%.*/^_\-]|\[[A-Za-z0-9_.%]+\]|\{[A-Za-z0-9_.]+\})+$/;

describe("analyte catalogue integrity", () => {
  it("covers at least 80 analytes", () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(80);
  });

  it("has unique kebab-case codes", () => {
    const codes = CATALOGUE.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("puts every LOINC code on one analyte only, each well formed", () => {
    const all = CATALOGUE.flatMap((d) => d.loinc);
    expect(new Set(all).size).toBe(all.length);
    for (const code of all) expect(code).toMatch(/^\d{1,7}-\d$/);
    for (const def of CATALOGUE) expect(def.loinc.length, def.code).toBeGreaterThan(0);
  });

  it("cites only sources that exist", () => {
    for (const def of CATALOGUE) {
      expect(SOURCES, def.code).toHaveProperty(def.source);
      if (def.criticalSource) expect(SOURCES, def.code).toHaveProperty(def.criticalSource);
      if (def.critical) expect(def.criticalSource ?? def.source, def.code).toBeTruthy();
    }
  });

  it("gives every quantitative analyte at least one interval, and every qualitative one its expected text", () => {
    for (const def of CATALOGUE) {
      if (def.qualitative) {
        expect(def.reference, def.code).toEqual([]);
        expect(def.qualitative.normal, def.code).not.toBe("");
      } else {
        expect(def.reference.length, def.code).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("has intervals with a bound, low below high, and sane age bounds", () => {
    for (const def of CATALOGUE) {
      for (const r of def.reference) {
        expect(r.low != null || r.high != null, def.code).toBe(true);
        if (r.low != null && r.high != null) expect(r.low, def.code).toBeLessThan(r.high);
        if (r.ageMin != null && r.ageMax != null) expect(r.ageMin, def.code).toBeLessThanOrEqual(r.ageMax);
      }
    }
  });

  it("places every critical limit outside every reference interval", () => {
    for (const def of CATALOGUE.filter((d) => d.critical)) {
      for (const r of def.reference) {
        if (def.critical!.low != null && r.low != null) expect(def.critical!.low, def.code).toBeLessThan(r.low);
        if (def.critical!.high != null && r.high != null) expect(def.critical!.high, def.code).toBeGreaterThan(r.high);
      }
    }
  });

  it("uses UCUM-looking canonical and alternate units", () => {
    for (const def of CATALOGUE) {
      expect(def.unit, def.code).toMatch(UCUM_LIKE);
      for (const alt of def.alternateUnits ?? []) {
        expect(alt.unit, def.code).toMatch(UCUM_LIKE);
        expect(alt.unit, def.code).not.toBe(def.unit);
        if (alt.factor == null) {
          // No factor means a molar ↔ mass conversion, which needs a molar mass.
          expect(def.molarMass, `${def.code} ${alt.unit}`).toBeGreaterThan(0);
          expect(alt.unit, def.code).toMatch(/mol/);
        } else {
          expect(alt.factor, def.code).toBeGreaterThan(0);
        }
      }
    }
  });

  it("uses the conventional molar masses", () => {
    const mass = (code: string) => CATALOGUE.find((d) => d.code === code)?.molarMass;
    expect(mass("creatinine")).toBe(113.12);
    expect(mass("glucose")).toBe(180.16);
    expect(mass("total-cholesterol")).toBe(386.65);
    expect(mass("triglycerides")).toBe(885.7);
    expect(mass("bun")).toBe(28.0134);
    expect(mass("calcium")).toBe(40.078);
  });

  it("writes short plain-language patient text", () => {
    for (const def of CATALOGUE) {
      expect(def.patientName.length, def.code).toBeGreaterThan(0);
      expect(def.explanation, def.code).toMatch(/^[A-Za-z0-9].*\.$/);
      expect(def.explanation.split(/\s+/).length, def.code).toBeLessThanOrEqual(30);
      expect(def.explanation, def.code).not.toMatch(/\b(you have|diagnos)/i);
    }
  });
});
