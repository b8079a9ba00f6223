/**
 * How a result is drawn on a trend chart: its flag by shape and colour together, never by colour alone — a
 * hollow circle within range, a filled red diamond outside it, a filled dark-red triangle when critical, a
 * hollow grey square when the flag could not be decided.
 */
import type { PortalTrendPoint } from "@/lib/portal/schemas";

export type MarkerKind = "normal" | "abnormal" | "critical" | "unknown";

export function markerKind(flag: PortalTrendPoint["flag"]): MarkerKind {
  if (flag === "Critical") return "critical";
  if (flag === "Low" || flag === "High" || flag === "Abnormal") return "abnormal";
  if (flag === "Normal") return "normal";
  return "unknown";
}

export const LINE_COLOUR = "#0f766e"; // brand-600
const ABNORMAL = "#b91c1c"; // red-700
const CRITICAL = "#7f1d1d"; // red-900
const UNKNOWN = "#475569"; // slate-600

/** The marker's shape centred on (cx, cy); `size` is the half-width. */
export function MarkerShape({ kind, cx, cy, size = 5, flag }: { kind: MarkerKind; cx: number; cy: number; size?: number; flag?: string | null }) {
  const data = { "data-marker": kind, "data-flag": flag ?? "none" };
  switch (kind) {
    case "abnormal": {
      const s = size + 1.5;
      return <path {...data} className="trend-point trend-point-abnormal" d={`M${cx},${cy - s}L${cx + s},${cy}L${cx},${cy + s}L${cx - s},${cy}Z`} fill={ABNORMAL} stroke={ABNORMAL} strokeWidth={1} />;
    }
    case "critical": {
      const s = size + 2.5;
      return <path {...data} className="trend-point trend-point-critical" d={`M${cx},${cy - s}L${cx + s},${cy + s * 0.8}L${cx - s},${cy + s * 0.8}Z`} fill={CRITICAL} stroke="#ffffff" strokeWidth={1} />;
    }
    case "unknown":
      return <rect {...data} className="trend-point" x={cx - size} y={cy - size} width={size * 2} height={size * 2} fill="#ffffff" stroke={UNKNOWN} strokeWidth={2} />;
    default:
      return <circle {...data} className="trend-point" cx={cx} cy={cy} r={size} fill="#ffffff" stroke={LINE_COLOUR} strokeWidth={2} />;
  }
}

const LEGEND: { kind: MarkerKind; label: string }[] = [
  { kind: "normal", label: "Within range" },
  { kind: "abnormal", label: "Outside range (low, high, abnormal)" },
  { kind: "critical", label: "Critical" },
  { kind: "unknown", label: "Flag undetermined" },
];

/** The key to the markers, in words; shown once above the charts. */
export function MarkerLegend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label="Chart key">
      {LEGEND.map(({ kind, label }) => (
        <li key={kind} className="inline-flex items-center gap-1.5">
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
            <MarkerShape kind={kind} cx={9} cy={9} size={4.5} />
          </svg>
          {label}
        </li>
      ))}
      <li className="inline-flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border border-brand-600/40 bg-brand-600/15" />
        Reference range
      </li>
    </ul>
  );
}
