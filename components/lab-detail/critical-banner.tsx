import type { PortalAnalyte } from "@/lib/portal/schemas";

/**
 * Critical values before anything else. A labelled region, not an alert: it is there when the page loads,
 * so there is nothing to announce, and a screen reader finds it by its heading.
 */
export function CriticalBanner({ values }: { values: PortalAnalyte[] }) {
  if (!values.length) return null;
  return (
    <section aria-labelledby="critical-heading" className="rounded-lg border-2 border-red-700 bg-red-50 p-4 sm:p-5 print:border-black print:bg-white">
      <h2 id="critical-heading" className="flex items-center gap-2 text-lg font-semibold text-red-900">
        <span aria-hidden="true" className="inline-flex size-6 items-center justify-center rounded-full bg-red-700 text-sm text-white">
          !
        </span>
        {values.length === 1 ? "Critical value" : `${values.length} critical values`}
      </h2>
      <p className="mt-1 text-sm text-red-900">At a level laboratories report to the responsible clinician immediately.</p>
      <ul className="mt-3 space-y-1.5">
        {values.map((value) => (
          <li key={value.id} className="flex flex-wrap items-baseline gap-x-2 text-slate-900">
            <span className="font-semibold">{value.name}</span>
            <span className="text-lg font-bold tabular-nums text-red-900">
              {value.value} {value.unit}
            </span>
            <span className="text-sm font-medium text-red-900">{value.flagLabel}</span>
            {value.referenceRange && <span className="text-sm text-slate-700">(reference {value.range?.label ?? value.referenceRange})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
