import { describe, expect, it } from "vitest";
import type { PanelValue } from "../clinical/panel";
import { buildSeries, defaultAnalytes, formatRange, formatValue, referenceBand, type SeriesResult } from "./patient-series";
import type { PortalAnalyteSeries, PortalTrendPoint } from "./schemas";

const received = new Date("2026-05-01T09:00:00Z");

function result(code: string, value: number | null, at: string | null, extra: Partial<PanelValue> = {}, labId = `lab-${at}`, reportedNumber = value): SeriesResult {
  return {
    labId,
    receivedAt: received,
    reportedNumber,
    reportedUnit: extra.unit ?? "mmol/L",
    result: {
      code,
      kind: "catalogue",
      name: code[0].toUpperCase() + code.slice(1),
      patientName: code,
      category: "Electrolytes",
      value,
      comparator: null,
      text: null,
      unit: "mmol/L",
      flag: "Normal",
      reference: { low: 135, high: 145, source: "lab" },
      observedAt: at ? new Date(at) : null,
      derived: false,
      ...extra,
    },
  };
}

describe("buildSeries", () => {
  it("orders each analyte's points by date, whatever order the labs came in", () => {
    const [sodium] = buildSeries([result("sodium", 128, "2026-03-01T00:00:00Z", { flag: "Low" }), result("sodium", 138, "2026-01-01T00:00:00Z")]);
    expect(sodium.points.map((p) => [p.value, p.flag])).toEqual([
      [138, "Normal"],
      [128, "Low"],
    ]);
  });

  it("dates a result without a sample date by the lab's received date, and says so", () => {
    const [sodium] = buildSeries([result("sodium", 140, null)]);
    expect(sodium.points[0]).toMatchObject({ at: received.toISOString(), atSource: "received" });
  });

  it("counts a result whose unit could not be converted instead of plotting it", () => {
    const [sodium] = buildSeries([result("sodium", 140, "2026-01-01T00:00:00Z"), result("sodium", null, "2026-02-01T00:00:00Z", {}, "lab-2", 3.2)]);
    expect(sodium.points).toHaveLength(1);
    expect(sodium.excluded).toBe(1);
  });

  it("keeps the value as reported beside a converted one", () => {
    const converted = { ...result("glucose", 91.88, "2026-01-01T00:00:00Z", { unit: "mg/dL" }), reportedNumber: 5.1, reportedUnit: "mmol/L" };
    const [glucose] = buildSeries([converted, result("glucose", 100, "2026-02-01T00:00:00Z", { unit: "mg/dL" })]);
    expect(glucose.points.map((p) => p.reported)).toEqual([{ value: 5.1, unit: "mmol/L" }, null]);
  });

  it("leaves out text-only analytes", () => {
    expect(buildSeries([result("hcg", null, "2026-01-01T00:00:00Z", { text: "Negative" }, "lab", null)])).toEqual([]);
  });

  it("plots an uncatalogued analyte in the unit most of its results share and counts the others", () => {
    const raw = (value: number, unit: string, at: string) => result("raw:zed", value, at, { kind: "raw", unit });
    const [zed] = buildSeries([raw(1, "U/L", "2026-01-01T00:00:00Z"), raw(2, "U/L", "2026-02-01T00:00:00Z"), raw(900, "nkat/L", "2026-03-01T00:00:00Z")]);
    expect(zed).toMatchObject({ unit: "U/L", excluded: 1 });
    expect(zed.points.map((p) => p.value)).toEqual([1, 2]);
  });

  it("orders series by category, then name", () => {
    const series = buildSeries([
      result("sodium", 140, "2026-01-01T00:00:00Z"),
      result("glucose", 5, "2026-01-01T00:00:00Z", { category: "Metabolic" }),
      result("chloride", 100, "2026-01-01T00:00:00Z"),
    ]);
    expect(series.map((s) => s.code)).toEqual(["chloride", "sodium", "glucose"]);
  });
});

const point = (value: number, flag: PortalTrendPoint["flag"] = "Normal", low: number | null = 135, high: number | null = 145): PortalTrendPoint => ({
  labId: "l",
  at: "2026-01-01T00:00:00.000Z",
  atSource: "observed",
  value,
  comparator: null,
  flag,
  low,
  high,
  reported: null,
});
const series = (code: string, points: PortalTrendPoint[]): PortalAnalyteSeries => ({ code, name: code, unit: "u", category: null, points, excluded: 0 });

describe("defaultAnalytes", () => {
  it("shows analytes with a trend or an abnormal value, abnormal first, capped", () => {
    const all = [series("a", [point(1)]), series("b", [point(1), point(2)]), series("c", [point(1, "High")]), series("d", [point(1), point(2)])];
    expect(defaultAnalytes(all)).toEqual(["b", "c", "d"]);
    expect(defaultAnalytes(all, 1)).toEqual(["c"]);
  });

  it("falls back to the first analytes when none has a trend or an abnormal value", () => {
    expect(defaultAnalytes([series("a", [point(1)]), series("b", [point(1)])], 1)).toEqual(["a"]);
  });
});

describe("referenceBand", () => {
  it("draws the latest interval and says when earlier points had another", () => {
    expect(referenceBand([point(1, "Normal", 136, 146), point(2)])).toEqual({ low: 135, high: 145, changed: true });
    expect(referenceBand([point(1), point(2)])).toEqual({ low: 135, high: 145, changed: false });
    expect(referenceBand([point(1, "Normal", null, null)])).toBeNull();
  });
});

describe("formatting", () => {
  it("prints ranges as clinicians read them and values without conversion noise", () => {
    expect(formatRange(135, 145)).toBe("135–145");
    expect(formatRange(null, 5.2)).toBe("≤ 5.2");
    expect(formatRange(40, null)).toBe("≥ 40");
    expect(formatValue(4.199999999)).toBe("4.2");
    expect(formatValue(0.0123)).toBe("0.0123");
    expect(formatValue(91.88244)).toBe("91.88");
    expect(formatValue(1234.5)).toBe("1,235");
  });
});
