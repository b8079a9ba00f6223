import { describe, expect, it } from "vitest";
import { RETIRED_SOURCE_IDS, SOURCES } from "../sources";
import { GUIDANCE, guidanceFor } from ".";

describe("the guideline corpus", () => {
  it("ties every claim to a known source, with a unique id and at least one tag", () => {
    expect(new Set(GUIDANCE.map((c) => c.id)).size).toBe(GUIDANCE.length);
    for (const claim of GUIDANCE) {
      expect(SOURCES[claim.source], claim.id).toBeDefined();
      expect(RETIRED_SOURCE_IDS.has(claim.source), `${claim.id} cites a retired source`).toBe(false);
      expect(claim.requires.length, claim.id).toBeGreaterThan(0);
      expect(claim.text.length, claim.id).toBeGreaterThan(20);
    }
  });

  it("returns only claims whose tags the finding carries, ranked by the query", () => {
    const claims = guidanceFor({ guidance: { query: "referral nephrology", tags: ["kidney", "egfr-below-60"] } }, 10);
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) expect(claim.requires.every((t) => ["kidney", "egfr-below-60"].includes(t))).toBe(true);
    expect(claims.map((c) => c.id)).not.toContain("kdigo.referral");
  });

  it("finds nothing for a finding no claim applies to", () => {
    expect(guidanceFor({ guidance: { query: "kidney referral", tags: ["unrelated"] } })).toEqual([]);
  });
});
