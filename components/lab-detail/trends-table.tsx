import { LocalTime } from "@/components/portal/local-time";
import { formatNumber } from "@/lib/portal/format-number";
import type { PortalTrend } from "@/lib/portal/schemas";

const DIRECTION = { up: { arrow: "↑", word: "up" }, down: { arrow: "↓", word: "down" }, unchanged: { arrow: "→", word: "unchanged" } } as const;

/** Change since the patient's previous result of each test; descriptive, not a judgement. */
export function TrendsTable({ trends }: { trends: PortalTrend[] }) {
  if (!trends.length) return null;
  return (
    <section aria-labelledby="trends-heading" className="rounded-lg border border-slate-200 bg-white print:border-0">
      <h2 id="trends-heading" className="px-4 pt-4 text-lg font-semibold text-slate-900 sm:px-6">
        Since the previous result
      </h2>
      <div role="region" aria-label="Trends table" tabIndex={0} className="relative mt-3 overflow-x-auto focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none print:overflow-visible">
        <table className="w-full min-w-[32rem] text-left text-sm print:min-w-0 print:text-xs">
          <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium sm:pl-6">Test</th>
              <th scope="col" className="px-3 py-2 font-medium">Previous</th>
              <th scope="col" className="px-3 py-2 font-medium">Current</th>
              <th scope="col" className="px-3 py-2 font-medium sm:pr-6">Change</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {trends.map((trend) => {
              const direction = DIRECTION[trend.direction];
              return (
                <tr key={trend.code} className="break-inside-avoid">
                  <th scope="row" className="px-4 py-2 font-medium text-slate-900 sm:pl-6">{trend.name}</th>
                  <td className="px-3 py-2 text-slate-800">
                    <span className="tabular-nums">{formatNumber(trend.previous)}</span> {trend.unit}
                    {trend.previousAt && (
                      <span className="block text-xs text-slate-600">
                        <LocalTime iso={trend.previousAt} dateOnly />
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-slate-800">
                    <span className="font-semibold tabular-nums">{formatNumber(trend.current)}</span> {trend.unit}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-800 sm:pr-6">
                    <span aria-hidden="true" className="mr-1 font-semibold">{direction.arrow}</span>
                    {trend.direction === "unchanged" ? (
                      "unchanged"
                    ) : (
                      <>
                        <span className="sr-only">{direction.word} </span>
                        <span className="tabular-nums">
                          {trend.change > 0 ? "+" : "−"}
                          {formatNumber(Math.abs(trend.change))}
                        </span>
                        {trend.percentChange !== null && <span className="text-slate-600"> ({trend.percentChange > 0 ? "+" : "−"}{Math.abs(Math.round(trend.percentChange))}%)</span>}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
