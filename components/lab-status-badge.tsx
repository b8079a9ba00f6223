const STYLES: Record<string, string> = {
  pending: "bg-slate-100 text-slate-800 ring-slate-300",
  processing: "bg-amber-50 text-amber-900 ring-amber-300",
  ready: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  failed: "bg-red-50 text-red-900 ring-red-300",
};

const LABELS: Record<string, string> = { pending: "Queued", processing: "Processing", ready: "Ready", failed: "Failed" };

/** A lab's status as a word (never colour alone), with a dot that pulses while the lab is being worked on. */
export function LabStatusBadge({ status }: { status: string }) {
  const working = status === "pending" || status === "processing";
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status] ?? STYLES.pending}`}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full bg-current ${working ? "motion-safe:animate-pulse" : ""}`} />
      {LABELS[status] ?? status}
    </span>
  );
}
