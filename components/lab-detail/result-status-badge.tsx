/**
 * "Preliminary" or "Corrected" beside a value whose result the lab has not finalised, or has corrected
 * since it first reported it (HL7 OBX-11, FHIR Observation.status), on its own line under the value so
 * the value column stays narrow on a phone. A final result shows nothing.
 */
const LABEL = {
  preliminary: { text: "Preliminary", title: "Preliminary result: the lab may still change it", tone: "bg-amber-50 text-amber-900 ring-amber-600/40" },
  corrected: { text: "Corrected", title: "Corrected result: the lab changed it after first reporting it", tone: "bg-sky-50 text-sky-900 ring-sky-600/40" },
} as const;

export function ResultStatusBadge({ status }: { status: "preliminary" | "corrected" | null }) {
  if (!status) return null;
  const { text, title, tone } = LABEL[status];
  return (
    <span title={title} className={`mt-1 block w-max rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${tone}`}>
      {text}
      <span className="sr-only">: {title.split(": ")[1]}</span>
    </span>
  );
}
