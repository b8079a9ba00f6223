"use client";
/**
 * This month's usage: for each measure its total and a small bar chart of the days (UTC). A chart is an
 * image to a screen reader — `role="img"` with a sentence that summarises it — and every number is in the
 * table under "Daily numbers".
 */
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PortalUsage, UsageDay } from "@/lib/organizations/settings-schemas";

type Measure = Exclude<keyof UsageDay, "date">;

const MEASURES: { key: Measure; label: string; what: string; colour: string }[] = [
  { key: "labsProcessed", label: "Labs processed", what: "labs that finished (ready or failed)", colour: "#115e59" },
  { key: "agentRuns", label: "Agent runs", what: "Lab Results Agent requests", colour: "#1d4ed8" },
  { key: "webhooksDelivered", label: "Webhooks delivered", what: "webhook deliveries that succeeded", colour: "#7c2d12" },
];

const TICK = { fill: "#475569", fontSize: 11 };

/** "November 2026" for `2026-11`. */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

const dayName = (date: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

/** What a screen reader hears for one chart: the total, and the busiest day when there is one. */
export function chartSummary(usage: PortalUsage, measure: Measure, label: string): string {
  const total = usage.totals[measure];
  const busiest = usage.days.reduce<UsageDay | null>((best, day) => (day[measure] > (best?.[measure] ?? 0) ? day : best), null);
  const head = `${label} per day in ${monthName(usage.month)} (UTC): ${total} in total`;
  return busiest ? `${head}, most on ${dayName(busiest.date)} (${busiest[measure]}).` : `${head}.`;
}

export function UsageCharts({ usage }: { usage: PortalUsage }) {
  return (
    <div className="space-y-4">
      <ul className="grid gap-4 md:grid-cols-3">
        {MEASURES.map((m) => (
          <li key={m.key} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4" data-testid={`usage-${m.key}`}>
            <p className="text-sm font-medium text-slate-700">{m.label}</p>
            <p className="text-3xl font-semibold text-slate-900">{usage.totals[m.key].toLocaleString("en-GB")}</p>
            <p className="text-xs text-slate-600">{m.what}</p>
            <div role="img" aria-label={chartSummary(usage, m.key, m.label)} className="mt-3">
              {/* The SVG Recharts draws calls itself an image too: hidden, so the summary is the one name. */}
              <div aria-hidden="true" className="h-28">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={usage.days} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
                    <XAxis dataKey="date" tickFormatter={(date: string) => String(Number(date.slice(8)))} tick={TICK} interval="preserveStartEnd" minTickGap={12} tickLine={false} />
                    <YAxis allowDecimals={false} tick={TICK} width={28} tickLine={false} axisLine={false} />
                    <Tooltip
                      cursor={{ fill: "#f1f5f9" }}
                      content={({ active, payload }) => {
                        const day = active ? (payload?.[0]?.payload as UsageDay | undefined) : undefined;
                        return day ? (
                          <div className="rounded-md border border-slate-200 bg-white px-2 py-1 text-xs text-slate-800 shadow">
                            {dayName(day.date)}: {day[m.key]}
                          </div>
                        ) : null;
                      }}
                    />
                    <Bar dataKey={m.key} fill={m.colour} isAnimationActive={false} radius={[2, 2, 0, 0]} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <summary className="cursor-pointer rounded font-medium text-brand-700 hover:text-brand-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
          Daily numbers ({usage.days.length} {usage.days.length === 1 ? "day" : "days"})
        </summary>
        {/* Focusable, so the keyboard can scroll it when a phone is too narrow for the columns. */}
        <div role="region" aria-label="Daily numbers" tabIndex={0} className="mt-2 overflow-x-auto focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
          <table className="min-w-full text-left">
            <caption className="sr-only">Usage per UTC day in {monthName(usage.month)}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">Day (UTC)</th>
                {MEASURES.map((m) => (
                  <th key={m.key} scope="col" className="px-2 py-1 text-right font-medium">
                    {m.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 text-slate-800">
              {usage.days.map((day) => (
                <tr key={day.date}>
                  <th scope="row" className="px-2 py-1 font-normal whitespace-nowrap">
                    {dayName(day.date)}
                  </th>
                  {MEASURES.map((m) => (
                    <td key={m.key} className="px-2 py-1 text-right tabular-nums">
                      {day[m.key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
