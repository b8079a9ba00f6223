import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { recordPortalPhiAccess } from "@/lib/audit";
import { requirePortalUser } from "@/lib/auth/portal";
import { AppError } from "@/lib/http/errors";
import { listPortalLabs } from "@/lib/portal/labs";
import { getPatientOverview } from "@/lib/portal/patient-overview";
import { patientTranscripts } from "@/lib/portal/coach";
import { PatientChats } from "@/components/coach/patient-chats";
import { LocalTime } from "@/components/portal/local-time";
import { PatientLabs } from "@/components/patients/patient-labs";
import { PatientTrends } from "@/components/patients/patient-trends";
import { PAGE_SIZE } from "@/components/patients/page-size";

// The patient's name is PHI: it stays out of the tab title and the browser history's titles.
export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePortalUser();
  const { patientId } = await params;
  if (!z.uuid().safeParse(patientId).success) notFound();
  const overview = await getPatientOverview(user.organizationId, patientId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const labs = await listPortalLabs(user.organizationId, { patientId, limit: PAGE_SIZE });
  // A patient is a member (lib/portal/patients.ts): their chats with the coach, read-only.
  const transcripts = await patientTranscripts(user.organizationId, patientId);
  void recordPortalPhiAccess(user, { action: "read", resourceType: "member", resourceId: patientId });

  const analytes = (await searchParams).analytes;
  const initialSelection = typeof analytes === "string" ? analytes.split(",").filter(Boolean) : null;
  const { patient, series } = overview;

  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/patients" className="text-brand-700 underline hover:text-brand-900">
          Patients
        </Link>
      </nav>
      <header className="-mt-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold break-words text-slate-900">{patient.name ?? "Unnamed patient"}</h1>
          <Link href={`/upload?patientId=${patient.id}`} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900">
            Upload a lab
          </Link>
        </div>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm sm:flex sm:flex-wrap sm:gap-x-6">
          <div className="contents sm:flex sm:gap-1.5">
            <dt className="text-slate-600">External ID</dt>
            <dd className="break-all text-slate-900">{patient.externalId ?? "—"}</dd>
          </div>
          <div className="contents sm:flex sm:gap-1.5">
            <dt className="text-slate-600">Labs</dt>
            <dd className="text-slate-900">{patient.labCount}</dd>
          </div>
          <div className="contents sm:flex sm:gap-1.5">
            <dt className="text-slate-600">Last lab</dt>
            <dd className="text-slate-900">{patient.lastLabAt ? <LocalTime iso={patient.lastLabAt} /> : "none yet"}</dd>
          </div>
        </dl>
      </header>

      <section aria-labelledby="trends-heading">
        <h2 id="trends-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Result trends
        </h2>
        <PatientTrends series={series} initialSelection={initialSelection} />
      </section>

      <section aria-labelledby="labs-heading">
        <h2 id="labs-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Labs
        </h2>
        <PatientLabs patientId={patient.id} initialPage={labs} />
      </section>

      <section aria-labelledby="chats-heading">
        <h2 id="chats-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Chats with the coach
        </h2>
        <PatientChats transcripts={transcripts} />
      </section>
    </div>
  );
}
