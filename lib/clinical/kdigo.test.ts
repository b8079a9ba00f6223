import { describe, expect, it } from "vitest";
import { albuminuriaCategory, gfrCategory } from "./kdigo";

describe("KDIGO GFR categories", () => {
  it.each([
    [120, "G1"], [90, "G1"], [89.9, "G2"], [60, "G2"], [59.9, "G3a"], [45, "G3a"], [44.9, "G3b"],
    [38, "G3b"], [30, "G3b"], [29.9, "G4"], [15, "G4"], [14.9, "G5"], [5, "G5"],
  ])("eGFR %s → %s", (egfr, category) => {
    expect(gfrCategory(egfr).category).toBe(category);
  });
});

describe("KDIGO albuminuria categories", () => {
  it.each([[5, "A1"], [29.9, "A1"], [30, "A2"], [299, "A2"], [300, "A2"], [301, "A3"], [1200, "A3"]])("ACR %s mg/g → %s", (acr, category) => {
    expect(albuminuriaCategory(acr).category).toBe(category);
  });
});
