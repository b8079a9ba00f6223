"use client";
/**
 * One analyte over time: the values in the catalogue's unit on a time axis, the reference band behind them,
 * each point marked by its flag (./point-marker.tsx), a tooltip, and — because a screen reader cannot read an
 * SVG chart — a heading, a sentence with the latest value and a data table holding every point.
 */
import Link from "next/link";
import { useId } from "react";
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRange, formatValue, referenceBand } from "@/lib/portal/patient-series";
import type { PortalAnalyteSeries, PortalTrendPoint } from "@/lib/portal/schemas";
import { formatDateTime, LocalTime, useIsClient } from "../portal/local-time";
import { LINE_COLOUR, MarkerShape, markerKind } from "./point-marker";

interface Datum extends PortalTrendPoint {
  t: number;
}

const DAY = 86_400_000;
const TICK = { fill: "#475569", fontSize: 12 };

export function TrendChart({ series }: { series: PortalAnalyteSeries }) {
  const headingId = useId();
  const latest = series.points[series.points.length - 1];
  return (
    <figure aria-labelledby={headingId} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4" data-analyte={series.code}>
      <h3 id={headingId} className="font-semibold text-slate-900">
        {series.name} <span className="font-normal text-slate-600">({series.unit})</span>
      </h3>
      {latest ? (
        <p className="mt-0.5 text-sm text-slate-700">
          {series.points.length === 1 ? "One result: " : `${series.points.length} results; latest `}
          <strong className="font-semibold text-slate-900">
            {display(latest)} {series.unit}
          </strong>
          {latest.flag && latest.flag !== "Normal" ? ` (${latest.flag})` : ""} on <ResultDate iso={latest.at} />.
        </p>
      ) : (
        <p className="mt-0.5 text-sm text-slate-700">No result of this analyte could be converted to {series.unit}.</p>
      )}
      {series.points.length >= 2 ? <Chart series={series} /> : latest ? <SingleValue point={latest} unit={series.unit} /> : null}
      <Notes series={series} />
      {series.points.length > 0 && <DataTable series={series} />}
    </figure>
  );
}

function Chart({ series }: { series: PortalAnalyteSeries }) {
  const isClient = useIsClient();
  const data: Datum[] = series.points.map((p) => ({ ...p, t: Date.parse(p.at) }));
  const band = referenceBand(series.points);
  const [xMin, xMax] = timeDomain(data);
  const yTicks = valueTicks(data, band);
  const [yMin, yMax] = [yTicks[0], yTicks[yTicks.length - 1]];
  const short = xMax - xMin < 2 * DAY;
  // Calendar dates (no time reported) are the same day everywhere; times are shown in the viewer's zone.
  const timeZone = !isClient || data.every((d) => isMidnightUtc(d.at)) ? "UTC" : undefined;
  const tickFormat = (t: number) =>
    new Intl.DateTimeFormat("en-GB", short ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone } : { day: "numeric", month: "short", year: "numeric", timeZone }).format(t);

  return (
    <div className="mt-3" aria-hidden="true" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={data} margin={{ top: 8, right: 28, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          {band && (
            <ReferenceArea
              className="reference-band"
              y1={band.low ?? yMin}
              y2={band.high ?? yMax}
              fill={LINE_COLOUR}
              fillOpacity={0.12}
              stroke={LINE_COLOUR}
              strokeOpacity={0.35}
              strokeDasharray="4 3"
              ifOverflow="extendDomain"
            />
          )}
          <XAxis dataKey="t" type="number" scale="time" domain={[xMin, xMax]} ticks={timeTicks(data)} tickFormatter={tickFormat} tick={TICK} minTickGap={16} interval="preserveStartEnd" />
          <YAxis
            domain={[yMin, yMax]}
            ticks={yTicks}
            tickFormatter={(v: number) => formatValue(v)}
            tick={TICK}
            width={56}
            label={{ value: series.unit, angle: -90, position: "insideLeft", offset: 10, style: { textAnchor: "middle", fill: "#334155", fontSize: 12 } }}
          />
          <Tooltip content={({ active, payload }) => <PointTooltip active={active} datum={payload?.[0]?.payload as Datum | undefined} unit={series.unit} />} />
          <Line
            type="linear"
            dataKey="value"
            stroke={LINE_COLOUR}
            strokeWidth={2}
            isAnimationActive={false}
            dot={({ cx, cy, payload, index }) => (cx == null || cy == null ? null : <MarkerShape key={index} kind={markerKind((payload as Datum).flag)} cx={cx} cy={cy} flag={(payload as Datum).flag} />)}
            activeDot={({ cx, cy, payload }) => (cx == null || cy == null ? null : <MarkerShape kind={markerKind((payload as Datum).flag)} cx={cx} cy={cy} size={7} />)}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

function PointTooltip({ active, datum, unit }: { active?: boolean; datum?: Datum; unit: string }) {
  const point = active ? datum : undefined;
  if (!point) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-800 shadow">
      <p className="font-semibold text-slate-900">
        {display(point)} {unit}
        {point.flag ? ` · ${point.flag}` : ""}
      </p>
      {point.reported && <p className="text-slate-600">Reported as {formatValue(point.reported.value)} {point.reported.unit}</p>}
      <p>
        <ResultDate iso={point.at} />
      </p>
      <p className="text-slate-600">Reference {formatRange(point.low, point.high)}</p>
    </div>
  );
}

function SingleValue({ point, unit }: { point: PortalTrendPoint; unit: string }) {
  return (
    <div className="mt-3 flex items-center gap-3 rounded-md bg-slate-50 px-4 py-3">
      <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" focusable="false">
        <MarkerShape kind={markerKind(point.flag)} cx={11} cy={11} size={6} flag={point.flag} />
      </svg>
      <p className="text-sm text-slate-800">
        <span className="text-lg font-semibold text-slate-900">{display(point)}</span> {unit} · {point.flag ?? "no flag"} · reference {formatRange(point.low, point.high)}
        {point.reported && (
          <span className="block text-slate-600">
            Reported as {formatValue(point.reported.value)} {point.reported.unit}.
          </span>
        )}
        <span className="block text-slate-600">A trend needs a second result.</span>
      </p>
    </div>
  );
}

function Notes({ series }: { series: PortalAnalyteSeries }) {
  const band = referenceBand(series.points);
  const undated = series.points.filter((p) => p.atSource === "received").length;
  const notes: string[] = [];
  if (series.points.length >= 2 && band) {
    notes.push(
      band.changed
        ? `The reference range changed between labs; the band shows the latest (${formatRange(band.low, band.high)} ${series.unit}). Each result's own range is in the table.`
        : `Band: reference range ${formatRange(band.low, band.high)} ${series.unit}.`,
    );
  }
  if (series.points.length >= 2 && !band) notes.push("No reference range was reported for these results.");
  const converted = series.points.filter((p) => p.reported).length;
  if (converted) notes.push(`${converted === series.points.length ? "All results were" : `${converted} of ${series.points.length} results were`} converted to ${series.unit} from the unit the lab reported; the table shows them as reported.`);
  if (undated) notes.push(`${undated} ${undated === 1 ? "result has" : "results have"} no sample date and ${undated === 1 ? "is" : "are"} placed at the date the lab was received.`);
  if (series.excluded) notes.push(`${series.excluded} ${series.excluded === 1 ? "result is" : "results are"} not shown: ${series.excluded === 1 ? "its unit" : "their units"} could not be converted to ${series.unit}.`);
  if (!notes.length) return null;
  return (
    <ul className="mt-2 space-y-0.5 text-xs text-slate-600">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

function DataTable({ series }: { series: PortalAnalyteSeries }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer rounded font-medium text-brand-700 hover:text-brand-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
        Data table ({series.points.length} {series.points.length === 1 ? "result" : "results"})
      </summary>
      <div className="mt-2 overflow-x-auto">
        <table className="min-w-full text-left">
          <caption className="sr-only">
            {series.name} results, oldest first, in {series.unit}
          </caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">Date</th>
              <th scope="col" className="px-2 py-1 font-medium">Value</th>
              <th scope="col" className="px-2 py-1 font-medium">Unit</th>
              <th scope="col" className="px-2 py-1 font-medium">As reported</th>
              <th scope="col" className="px-2 py-1 font-medium">Flag</th>
              <th scope="col" className="px-2 py-1 font-medium">Reference</th>
              <th scope="col" className="px-2 py-1 font-medium">Lab</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 text-slate-800">
            {series.points.map((p, i) => (
              <tr key={`${p.labId}-${i}`}>
                <td className="px-2 py-1 whitespace-nowrap">
                  <ResultDate iso={p.at} />
                  {p.atSource === "received" && <span className="text-slate-600"> (received)</span>}
                </td>
                <td className="px-2 py-1 font-medium whitespace-nowrap">{display(p)}</td>
                <td className="px-2 py-1 whitespace-nowrap">{series.unit}</td>
                <td className="px-2 py-1 whitespace-nowrap text-slate-700">{p.reported ? `${formatValue(p.reported.value)} ${p.reported.unit}` : "—"}</td>
                <td className={`px-2 py-1 ${markerKind(p.flag) === "normal" ? "" : "font-semibold text-red-800"}`}>{p.flag ?? "—"}</td>
                <td className="px-2 py-1 whitespace-nowrap">{formatRange(p.low, p.high)}</td>
                <td className="px-2 py-1">
                  <Link href={`/labs/${p.labId}`} className="text-brand-700 underline hover:text-brand-900">
                    Open<span className="sr-only"> the lab of this result</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The value as the lab reported it: "< 0.5" when it gave a bound. */
const display = (p: PortalTrendPoint) => `${p.comparator ? `${p.comparator} ` : ""}${formatValue(p.value)}`;

/** A result's date: the calendar day when the report gave only a day, else the instant in the viewer's zone. */
function ResultDate({ iso }: { iso: string }) {
  if (!isMidnightUtc(iso)) return <LocalTime iso={iso} />;
  return <time dateTime={iso.slice(0, 10)}>{formatDateTime(iso, { timeZone: "UTC", dateOnly: true })}</time>;
}

/**
 * A report that gave a date without a time is stored at midnight UTC: shown as that calendar day, never shifted
 * into the previous evening by the viewer's zone.
 */
function isMidnightUtc(iso: string): boolean {
  return iso.endsWith("T00:00:00.000Z");
}

function timeDomain(data: readonly Datum[]): [number, number] {
  const min = Math.min(...data.map((d) => d.t));
  const max = Math.max(...data.map((d) => d.t));
  const pad = max === min ? DAY : (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** Ticks at the results' own dates when there are few of them, else five evenly spaced. */
function timeTicks(data: readonly Datum[]): number[] {
  const times = [...new Set(data.map((d) => d.t))];
  if (times.length <= 6) return times;
  const [min, max] = [times[0], times[times.length - 1]];
  return Array.from({ length: 5 }, (_, i) => min + ((max - min) * i) / 4);
}

/**
 * Round ticks (1, 2, 2.5 or 5 × a power of ten) spanning the values and the band with room around them, so no
 * point sits on the frame; not below zero when every value is positive.
 */
function valueTicks(data: readonly Datum[], band: { low: number | null; high: number | null } | null): number[] {
  const values = [...data.map((d) => d.value), ...(band ? [band.low, band.high].filter((v): v is number => v !== null) : [])];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = max === min ? Math.max(Math.abs(max) * 0.1, 1) : (max - min) * 0.1;
  const low = min >= 0 ? Math.max(0, min - pad) : min - pad;
  const high = max + pad;
  const rough = (high - low) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let t = first; t < high + step; t += step) ticks.push(Number.parseFloat(t.toPrecision(12)));
  return ticks;
}
