"use client";
/**
 * A patient's trend charts and the choice of which analytes to chart: checkboxes with each analyte's number of
 * results, defaulting to those with a trend or an abnormal value (lib/portal/patient-series.ts), the choice
 * kept in `?analytes=` so a reload or a shared link shows the same charts.
 */
import { useEffect, useMemo, useState } from "react";
import { defaultAnalytes, isAbnormal } from "@/lib/portal/patient-series";
import type { PortalAnalyteSeries } from "@/lib/portal/schemas";
import { MarkerLegend } from "./point-marker";
import { TrendChart } from "./trend-chart";

/** `initialSelection`: the codes in `?analytes=` (null when the URL names none: the defaults apply). */
export function PatientTrends({ series, initialSelection }: { series: PortalAnalyteSeries[]; initialSelection: string[] | null }) {
  const defaults = useMemo(() => defaultAnalytes(series), [series]);
  const [selected, setSelected] = useState<string[]>(() => initialSelection?.filter((code) => series.some((s) => s.code === code)) ?? defaults);
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    if (!touched) return;
    const url = new URL(window.location.href);
    const search = [...url.searchParams].filter(([key]) => key !== "analytes").map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    search.push(`analytes=${selected.map(encodeURIComponent).join(",")}`);
    window.history.replaceState(window.history.state, "", `${url.pathname}?${search.join("&")}${url.hash}`);
  }, [selected, touched]);

  if (!series.length) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700">
        No numeric results to chart yet. Trends appear once this patient has a lab that is ready.
      </p>
    );
  }

  const choose = (next: string[]) => {
    setTouched(true);
    // Kept in the page's order (category, name) whatever order they were ticked in.
    setSelected(series.filter((s) => next.includes(s.code)).map((s) => s.code));
  };
  const toggle = (code: string, on: boolean) => choose(on ? [...selected, code] : selected.filter((c) => c !== code));
  const shown = series.filter((s) => selected.includes(s.code));

  return (
    <div className="space-y-4">
      <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Analytes to chart</legend>
        <p className="text-sm text-slate-600">Values are in each analyte’s standard unit. Shown by default: results with a trend or an abnormal value.</p>
        <ul className="mt-3 flex flex-wrap gap-2">
          {series.map((s) => {
            const abnormal = s.points.filter(isAbnormal).length;
            const on = selected.includes(s.code);
            return (
              <li key={s.code}>
                <label className={`inline-flex cursor-pointer items-center gap-2 rounded-full border px-3 py-1.5 text-sm ${on ? "border-brand-600 bg-brand-50 text-brand-900" : "border-slate-300 bg-white text-slate-800"}`}>
                  <input type="checkbox" checked={on} onChange={(event) => toggle(s.code, event.target.checked)} className="h-4 w-4 accent-brand-700" />
                  <span>{s.name}</span>
                  <span className="text-slate-600">
                    {s.points.length}
                    <span className="sr-only"> {s.points.length === 1 ? "result" : "results"}</span>
                  </span>
                  {abnormal > 0 && (
                    <span className="rounded-full bg-red-50 px-1.5 text-xs font-medium text-red-900 ring-1 ring-red-200">
                      {abnormal} <span className="sr-only">abnormal</span>
                      <span aria-hidden="true">◆</span>
                    </span>
                  )}
                </label>
              </li>
            );
          })}
        </ul>
        <div className="mt-3 flex flex-wrap gap-2 text-sm">
          <button type="button" onClick={() => choose(defaults)} className="rounded-md border border-slate-300 px-3 py-1 font-medium text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
            Default selection
          </button>
          <button type="button" onClick={() => choose(series.map((s) => s.code))} className="rounded-md border border-slate-300 px-3 py-1 font-medium text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
            All
          </button>
          <button type="button" onClick={() => choose([])} className="rounded-md border border-slate-300 px-3 py-1 font-medium text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
            None
          </button>
        </div>
      </fieldset>

      {shown.length ? (
        <>
          <MarkerLegend />
          <div className="grid gap-4 lg:grid-cols-2">
            {shown.map((s) => (
              <TrendChart key={s.code} series={s} />
            ))}
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-700">No analyte chosen. Tick one above to chart it.</p>
      )}
    </div>
  );
}
