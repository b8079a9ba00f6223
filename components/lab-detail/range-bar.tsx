import { formatNumber } from "@/lib/portal/format-number";
import type { PortalRangePosition } from "@/lib/portal/schemas";
import { rangeScale } from "./range-scale";

const MARKER: Record<PortalRangePosition["position"], string> = {
  below: "bg-amber-600",
  within: "bg-emerald-700",
  above: "bg-amber-600",
};

/**
 * The value on its reference interval: a `meter` (WAI-ARIA) whose text says what the picture shows
 * ("128 mmol/L, below the range 135–145 mmol/L"), so the colour is never the only cue.
 */
export function RangeBar({ range, name, critical = false }: { range: PortalRangePosition; name: string; critical?: boolean }) {
  const scale = rangeScale(range);
  return (
    <div
      role="meter"
      aria-label={`${name} against its reference range`}
      aria-valuemin={Number(formatNumber(scale.min))}
      aria-valuemax={Number(formatNumber(scale.max))}
      aria-valuenow={range.value}
      aria-valuetext={range.description}
      className="relative h-2.5 w-28 shrink-0 rounded-full bg-slate-200 print:border print:border-slate-400"
    >
      <div className="absolute inset-y-0 rounded-full bg-emerald-200 print:bg-slate-300" style={{ left: `${scale.bandStart}%`, width: `${scale.bandEnd - scale.bandStart}%` }} />
      <div
        className={`absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white shadow ${critical ? "bg-red-700" : MARKER[range.position]}`}
        style={{ left: `${Math.min(100, Math.max(0, scale.marker))}%` }}
      />
    </div>
  );
}
