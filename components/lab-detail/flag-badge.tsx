import type { PortalAnalyteFlag } from "@/lib/portal/schemas";

const STYLE: Record<PortalAnalyteFlag, string> = {
  Critical: "bg-red-700 text-white",
  High: "bg-amber-100 text-amber-900 ring-1 ring-amber-300",
  Low: "bg-amber-100 text-amber-900 ring-1 ring-amber-300",
  Abnormal: "bg-amber-100 text-amber-900 ring-1 ring-amber-300",
  Indeterminate: "bg-slate-100 text-slate-800 ring-1 ring-slate-300",
  Normal: "text-slate-700",
};

const ARROW: Partial<Record<string, string>> = { High: "↑", Low: "↓", "Critical high": "↑↑", "Critical low": "↓↓" };

/** The analyte's flag in words, coloured as a second cue; an arrow shows the direction. */
export function FlagBadge({ flag, label }: { flag: PortalAnalyteFlag | null; label: string | null }) {
  if (!flag || !label) return <span className="text-slate-600">—</span>;
  const arrow = ARROW[label];
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap print:border print:border-slate-500 print:bg-white print:text-black ${STYLE[flag]}`}>
      {arrow && <span aria-hidden="true">{arrow}</span>}
      {label}
    </span>
  );
}
