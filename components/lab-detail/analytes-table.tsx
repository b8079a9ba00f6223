import { formatNumber } from "@/lib/portal/format-number";
import type { PortalAnalyte, PortalAnalyteGroup } from "@/lib/portal/schemas";
import { CalculatedBadge } from "./calculated-badge";
import { FlagBadge } from "./flag-badge";
import { ResultStatusBadge } from "./result-status-badge";
import { RangeBar } from "./range-bar";

/**
 * Every result, grouped by category, in the report's order. The table scrolls inside its own focusable
 * region on a narrow screen, with the name, value and flag first so they stay in view.
 */
export function AnalytesTable({ groups, count }: { groups: PortalAnalyteGroup[]; count: number }) {
  return (
    <section aria-labelledby="results-heading" className="rounded-lg border border-slate-200 bg-white print:border-0">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4 sm:px-6">
        <h2 id="results-heading" className="text-lg font-semibold text-slate-900">
          Results
        </h2>
        <p className="text-sm text-slate-600">
          {count} {count === 1 ? "result" : "results"}, values and units as the lab printed them
        </p>
      </div>
      <div role="region" aria-label="Results table" tabIndex={0} className="relative mt-3 overflow-x-auto focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none lg:overflow-visible print:overflow-visible">
        <table className="w-full min-w-[40rem] text-left text-sm print:min-w-0 print:text-xs">
          <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium sm:pl-6">Test</th>
              <th scope="col" className="px-3 py-2 font-medium">Result</th>
              <th scope="col" className="px-3 py-2 font-medium">Flag</th>
              <th scope="col" className="px-3 py-2 font-medium">Position in range</th>
              <th scope="col" className="px-3 py-2 font-medium">Reference range</th>
              <th scope="col" className="px-3 py-2 font-medium sm:pr-6">LOINC</th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.category} className="divide-y divide-slate-100 break-inside-avoid-page">
              <tr className="bg-slate-50/60">
                <th scope="colgroup" colSpan={6} className="px-4 pt-3 pb-1 text-xs font-semibold tracking-wide text-brand-900 uppercase sm:pl-6">
                  {group.category}
                </th>
              </tr>
              {group.analytes.map((analyte) => (
                <AnalyteRow key={analyte.id} analyte={analyte} />
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

function AnalyteRow({ analyte }: { analyte: PortalAnalyte }) {
  const critical = analyte.flag === "Critical";
  return (
    <tr className={`break-inside-avoid ${critical ? "bg-red-50" : ""}`}>
      <th scope="row" className="px-4 py-2 align-top font-medium text-slate-900 sm:pl-6">
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
          {analyte.name}
          {analyte.derived && <CalculatedBadge formula={analyte.formula} />}
        </span>
        {analyte.rawName !== analyte.name && <span className="block text-xs font-normal text-slate-600">as printed: {analyte.rawName}</span>}
      </th>
      <td className="px-3 py-2 align-top whitespace-nowrap">
        <span className="font-semibold text-slate-900 tabular-nums">{analyte.value}</span> <span className="text-slate-700">{analyte.unit}</span>
        <ResultStatusBadge status={analyte.resultStatus} />
        {analyte.converted && (
          <span className="block text-xs text-slate-600">
            = {formatNumber(analyte.converted.value)} {analyte.converted.unit}
          </span>
        )}
      </td>
      <td className="px-3 py-2 align-top">
        <FlagBadge flag={analyte.flag} label={analyte.flagLabel} />
      </td>
      <td className="px-3 py-2 align-middle">{analyte.range ? <RangeBar range={analyte.range} name={analyte.name} critical={critical} /> : <span className="text-slate-600">—</span>}</td>
      <td className="px-3 py-2 align-top text-slate-700">
        {analyte.referenceRange ?? "—"}
        {analyte.referenceSource === "catalogue" && <span className="block text-xs text-slate-600">Labwise reference, none printed</span>}
      </td>
      <td className="px-3 py-2 align-top font-mono text-xs text-slate-700 sm:pr-6">{analyte.loinc ?? "—"}</td>
    </tr>
  );
}
