/** A delivery's status in words and colour (text carries it; colour only helps). */
const STATUS: Record<string, { label: string; style: string }> = {
  pending: { label: "Queued", style: "bg-slate-200 text-slate-900" },
  delivering: { label: "Sending", style: "bg-blue-100 text-blue-900" },
  succeeded: { label: "Delivered", style: "bg-green-100 text-green-900" },
  failed: { label: "Retrying", style: "bg-amber-100 text-amber-900" },
  dead_letter: { label: "Dead letter", style: "bg-red-100 text-red-900" },
};

export const statusLabel = (status: string) => STATUS[status]?.label ?? status;

export function DeliveryStatusBadge({ status }: { status: string }) {
  const { label, style } = STATUS[status] ?? { label: status, style: "bg-slate-200 text-slate-900" };
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${style}`}>{label}</span>;
}

/** Settled deliveries can be replayed; the others are still in the outbox. */
export const isSettled = (status: string) => status === "succeeded" || status === "dead_letter";
