/**
 * A patient's results as trend series, one per analyte: pure, so the charts' arithmetic is unit-tested apart
 * from the database. "The same analyte" and "the value to compare" are the clinical engine's (lib/clinical/
 * trends.ts via lib/labs/pipeline/panel.ts `panelValue`): the catalogue code, and the value in the catalogue's
 * canonical unit. A result whose unit could not be converted has no canonical value and is counted, not
 * plotted: a value in another unit on the same axis would be a wrong picture. An analyte the catalogue does not
 * know keeps its received unit; when its results come in different units, the unit most of them share is
 * plotted and the others are counted.
 */
import type { PanelValue } from "../clinical/panel";
import { ABNORMAL_FLAGS, type PortalAnalyteSeries, type PortalTrendPoint } from "./schemas";

export interface SeriesResult {
  labId: string;
  /** When the lab was received: the point's date when the report gave no date for the result. */
  receivedAt: Date;
  /** The result as the engine reads it (`panelValue`). */
  result: PanelValue;
  /** The number the report printed, before conversion: tells an unconvertible unit from a text result. */
  reportedNumber: number | null;
  /** The unit the report printed (UCUM-normalised when recognised). */
  reportedUnit: string | null;
}

/** Flags drawn as abnormal points. */


export const isAbnormal = (point: Pick<PortalTrendPoint, "flag">) => point.flag !== null && ABNORMAL_FLAGS.includes(point.flag);

const bound = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? null : value);

/** The patient's series, ordered by category then name; analytes with text results only are left out. */
export function buildSeries(results: readonly SeriesResult[]): PortalAnalyteSeries[] {
  const byCode = new Map<string, SeriesResult[]>();
  for (const r of results) byCode.set(r.result.code, [...(byCode.get(r.result.code) ?? []), r]);

  const series: PortalAnalyteSeries[] = [];
  for (const [code, rows] of byCode) {
    const numeric = rows.filter((r) => r.result.value !== null && Number.isFinite(r.result.value));
    const unconvertible = rows.filter((r) => r.result.value === null && r.reportedNumber !== null).length;
    const unit = plottedUnit(numeric);
    const plotted = numeric.filter((r) => r.result.unit === unit);
    if (!plotted.length && !unconvertible) continue;
    const points = plotted.map(toPoint).sort((a, b) => a.at.localeCompare(b.at) || a.labId.localeCompare(b.labId));
    const latest = [...rows].sort((a, b) => at(b).getTime() - at(a).getTime())[0].result;
    series.push({
      code,
      name: latest.name,
      unit: unit ?? latest.unit,
      category: latest.category,
      points,
      excluded: unconvertible + numeric.length - plotted.length,
    });
  }
  return series.sort((a, b) => (a.category ?? "~").localeCompare(b.category ?? "~") || a.name.localeCompare(b.name));
}

const at = (r: SeriesResult) => r.result.observedAt ?? r.receivedAt;

/** The unit most results share (a catalogue analyte's are all canonical already); ties go to the latest. */
function plottedUnit(rows: readonly SeriesResult[]): string | null {
  const counts = new Map<string, { n: number; latest: number }>();
  for (const r of rows) {
    const entry = counts.get(r.result.unit) ?? { n: 0, latest: -Infinity };
    counts.set(r.result.unit, { n: entry.n + 1, latest: Math.max(entry.latest, at(r).getTime()) });
  }
  let best: [string, { n: number; latest: number }] | null = null;
  for (const entry of counts) if (!best || entry[1].n > best[1].n || (entry[1].n === best[1].n && entry[1].latest > best[1].latest)) best = entry;
  return best?.[0] ?? null;
}

function toPoint(r: SeriesResult): PortalTrendPoint {
  return {
    labId: r.labId,
    at: at(r).toISOString(),
    atSource: r.result.observedAt ? "observed" : "received",
    value: r.result.value!,
    comparator: r.result.comparator || null,
    flag: r.result.flag,
    low: bound(r.result.reference?.low),
    high: bound(r.result.reference?.high),
    reported:
      r.reportedNumber !== null && r.reportedUnit && r.reportedUnit !== r.result.unit ? { value: r.reportedNumber, unit: r.reportedUnit } : null,
  };
}

/**
 * The analytes a patient's page shows before the clinician chooses: those with a trend (≥ 2 points) or an
 * abnormal value, abnormal ones first, at most `cap`; when none qualifies, the first `cap` with a value.
 */
export function defaultAnalytes(series: readonly PortalAnalyteSeries[], cap = 6): string[] {
  const abnormal = (s: PortalAnalyteSeries) => s.points.some(isAbnormal);
  const candidates = series.filter((s) => s.points.length >= 2 || abnormal(s));
  const chosen = candidates.length ? [...candidates].sort((a, b) => Number(abnormal(b)) - Number(abnormal(a))) : series.filter((s) => s.points.length > 0);
  const keep = new Set(chosen.slice(0, cap).map((s) => s.code));
  // Shown in the page's own order (category, name), whichever were chosen first.
  return series.filter((s) => keep.has(s.code)).map((s) => s.code);
}

export interface BandSummary {
  /** The band drawn: the latest point's interval (either side may be open). */
  low: number | null;
  high: number | null;
  /** True when earlier points were read against another interval than the one drawn. */
  changed: boolean;
}

/** The reference band to draw, or null when no point has an interval. */
export function referenceBand(points: readonly PortalTrendPoint[]): BandSummary | null {
  const withRange = points.filter((p) => p.low !== null || p.high !== null);
  if (!withRange.length) return null;
  const latest = withRange[withRange.length - 1];
  const changed = withRange.some((p) => p.low !== latest.low || p.high !== latest.high);
  return { low: latest.low, high: latest.high, changed };
}

/** "135–145", "< 5.2", "≥ 40": a reference interval as a clinician reads it. */
export function formatRange(low: number | null, high: number | null): string {
  if (low !== null && high !== null) return `${formatValue(low)}–${formatValue(high)}`;
  if (high !== null) return `≤ ${formatValue(high)}`;
  if (low !== null) return `≥ ${formatValue(low)}`;
  return "—";
}

/**
 * A value without the float noise a unit conversion leaves (4.199999999 → 4.2; 5.1 mmol/L of glucose is
 * 91.88 mg/dL, not 91.88244): four significant digits, more than any lab reports for these analytes.
 */
export function formatValue(value: number): string {
  const rounded = Number.parseFloat(value.toPrecision(4));
  return rounded.toLocaleString("en-GB", { maximumFractionDigits: 6 });
}
