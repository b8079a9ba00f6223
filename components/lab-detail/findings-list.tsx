import type { PortalFinding, PortalSeverity } from "@/lib/portal/schemas";
import { SourceLinks } from "./source-links";

const SEVERITY: Record<PortalSeverity, { label: string; badge: string; edge: string }> = {
  critical: { label: "Critical", badge: "bg-red-700 text-white", edge: "border-l-red-700" },
  high: { label: "High", badge: "bg-orange-100 text-orange-900 ring-1 ring-orange-300", edge: "border-l-orange-500" },
  moderate: { label: "Moderate", badge: "bg-amber-100 text-amber-900 ring-1 ring-amber-300", edge: "border-l-amber-500" },
  borderline: { label: "Borderline", badge: "bg-yellow-50 text-yellow-900 ring-1 ring-yellow-300", edge: "border-l-yellow-400" },
  info: { label: "Info", badge: "bg-slate-100 text-slate-800 ring-1 ring-slate-300", edge: "border-l-slate-400" },
};

/** What the engine found, most urgent first (the service's order), each with its guidance and sources. */
export function FindingsList({ findings }: { findings: PortalFinding[] }) {
  return (
    <section aria-labelledby="findings-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6 print:border-0 print:p-0">
      <h2 id="findings-heading" className="text-lg font-semibold text-slate-900">
        Findings
      </h2>
      {findings.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No findings: nothing in these results called for a comment.</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {findings.map((finding) => (
            <FindingItem key={finding.id} finding={finding} />
          ))}
        </ol>
      )}
    </section>
  );
}

function FindingItem({ finding }: { finding: PortalFinding }) {
  const severity = SEVERITY[finding.severity];
  return (
    <li className={`break-inside-avoid rounded-md border border-l-4 wrap-anywhere border-slate-200 p-3 sm:p-4 ${severity.edge}`}>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${severity.badge} print:border print:border-slate-500 print:bg-white print:text-black`}>{severity.label}</span>
        <h3 className="min-w-0 flex-1 font-semibold text-slate-900">{finding.title}</h3>
      </div>
      <p className="mt-2 text-sm text-slate-800">{finding.clinician}</p>
      {finding.guidance.length > 0 && (
        <div className="mt-3">
          <h4 className="text-xs font-semibold tracking-wide text-slate-700 uppercase">Guidance</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-800">
            {finding.guidance.map((claim) => (
              <li key={claim.id}>
                {claim.text} <span className="text-slate-600">— {claim.source.title.split(".")[0]}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {finding.sources.length > 0 && (
        <div className="mt-3">
          <h4 className="text-xs font-semibold tracking-wide text-slate-700 uppercase">Sources</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {finding.sources.map((source) => (
              <li key={source.url}>
                <SourceLinks source={source} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
