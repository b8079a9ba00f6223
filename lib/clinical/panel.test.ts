import { describe, expect, it } from "vitest";
import { buildPanel } from "./panel";
import { measured } from "./test-support";
import { trends } from "./trends";

const creatinine = (value: number, date?: string) => measured({ name: "Creatinine", value, unit: "mg/dL", date });

describe("buildPanel", () => {
  it("interprets the latest result of each analyte and keeps the earlier ones, oldest first, as its history", () => {
    const panel = buildPanel([creatinine(1.4, "2024-06-01"), creatinine(1.8, "2025-01-15"), creatinine(1.1, "2023-01-01")]);
    expect(panel.value("creatinine")).toBe(1.8);
    expect(panel.history("creatinine").map((p) => p.value)).toEqual([1.1, 1.4]);
  });

  it("adds the member's earlier labs to the history, never a result newer than the one interpreted", () => {
    const panel = buildPanel([creatinine(1.8, "2025-01-15")], [
      { code: "creatinine", value: 1.2, observedAt: new Date("2024-01-01") },
      { code: "creatinine", value: 2.0, observedAt: new Date("2025-06-01") },
    ]);
    expect(panel.history("creatinine").map((p) => p.value)).toEqual([1.2]);
  });

  it("counts an undated result as the newest of its file", () => {
    const panel = buildPanel([creatinine(1.8), creatinine(1.4, "2024-06-01")]);
    expect(panel.value("creatinine")).toBe(1.8);
  });
});

describe("analyte kinds", () => {
  it("marks an analyte the catalogue knows as catalogue and one it does not as raw, whatever its name looks like", () => {
    expect(creatinine(1.4)).toMatchObject({ code: "creatinine", kind: "catalogue", derived: false });
    expect(measured({ name: "Ammonia level X", value: 250, unit: "umol/L" })).toMatchObject({ code: "raw:ammonia level x", kind: "raw" });
    expect(measured({ name: "derived: made-up", value: 1 })).toMatchObject({ kind: "raw", derived: false });
  });
});

describe("trends", () => {
  it("gives change since last, percent and direction", () => {
    const [trend] = trends(buildPanel([creatinine(1.4, "2024-06-01"), creatinine(1.75, "2025-01-15")]));
    expect(trend).toMatchObject({ code: "creatinine", previous: 1.4, current: 1.75, direction: "up", points: 1 });
    expect(trend.change).toBeCloseTo(0.35);
    expect(trend.percentChange).toBeCloseTo(25);
  });

  it("says unchanged for the same value and nothing without history", () => {
    expect(trends(buildPanel([creatinine(1.4, "2024-06-01"), creatinine(1.4, "2025-01-15")]))[0].direction).toBe("unchanged");
    expect(trends(buildPanel([creatinine(1.4)]))).toEqual([]);
  });

  it("makes no trend from two results taken at the same instant (a Synthea history's duplicate)", () => {
    const panel = buildPanel([creatinine(1, "2019-03-04T10:00:00Z"), creatinine(1.54, "2019-03-04T10:00:00Z")]);
    expect(trends(panel)).toEqual([]);
    expect(panel.history("creatinine")).toEqual([]);
    expect(trends(buildPanel([creatinine(1), creatinine(1.54)]))).toEqual([]);
  });

  it("uses every point of a history: first, previous and latest, and how many there were", () => {
    const panel = buildPanel([
      creatinine(1.0, "2021-01-01"),
      creatinine(1.2, "2022-01-01"),
      creatinine(1.2, "2022-01-01"),
      creatinine(1.4, "2023-01-01"),
      creatinine(1.6, "2024-01-01"),
      creatinine(1.6, "2024-01-01"),
    ]);
    const [trend] = trends(panel);
    expect(trend).toMatchObject({ first: 1.0, firstAt: new Date("2021-01-01"), previous: 1.4, previousAt: new Date("2023-01-01"), current: 1.6, points: 3 });
  });
});
