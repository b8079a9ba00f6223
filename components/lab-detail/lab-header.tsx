import Link from "next/link";
import { LabStatusBadge } from "@/components/lab-status-badge";
import { LocalTime } from "@/components/portal/local-time";
import type { PortalLabDetail } from "@/lib/portal/schemas";

const SOURCE: Record<PortalLabDetail["source"], string> = { upload: "Uploaded file", submission: "Submitted values", agent_run: "Agent run" };

/** Whose lab this is and where it came from. */
export function LabHeader({ lab }: { lab: PortalLabDetail }) {
  const patientName = lab.patient?.name ?? lab.patient?.externalId ?? "Unknown patient";
  return (
    <header className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm print:hidden">
        <Link href="/labs" className="text-brand-700 underline-offset-2 hover:underline">
          Lab results
        </Link>
        <span aria-hidden="true" className="px-1.5 text-slate-500">/</span>
        <span aria-current="page" className="text-slate-700">This lab</span>
      </nav>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-2xl font-semibold break-words text-slate-900">Lab result · {patientName}</h1>
        <LabStatusBadge status={lab.status} />
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Patient">
          {lab.patient ? (
            <Link href={`/patients/${lab.patient.id}`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
              {patientName}
            </Link>
          ) : (
            "—"
          )}
          {lab.patient?.externalId && <span className="text-slate-600"> · ID {lab.patient.externalId}</span>}
        </Field>
        <Field label="Received">
          <LocalTime iso={lab.createdAt} />
        </Field>
        <Field label="Source">
          {SOURCE[lab.source]}
          {lab.format && <span className="text-slate-600"> · {lab.format.toUpperCase()}</span>}
        </Field>
        <Field label="File">
          <span className="break-all">{lab.fileName ?? "—"}</span>
        </Field>
      </dl>
    </header>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
