import type { Metadata } from "next";
import { recordPortalPhiAccess } from "@/lib/audit";
import { requirePortalUser } from "@/lib/auth/portal";
import { searchPatients } from "@/lib/portal/patients";
import { patientListQuery } from "@/lib/portal/schemas";
import { PatientList } from "@/components/patients/patient-list";
import { PAGE_SIZE } from "@/components/patients/page-size";

export const metadata: Metadata = { title: "Patients" };

/** The organisation's patients; the first page is rendered here, searching and paging go through the API. */
export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePortalUser();
  const raw = (await searchParams).q;
  const parsed = patientListQuery.safeParse({ q: typeof raw === "string" ? raw : undefined, limit: PAGE_SIZE });
  const query = parsed.success ? parsed.data : { limit: PAGE_SIZE };
  const page = await searchPatients(user.organizationId, query);
  void recordPortalPhiAccess(user, { action: "list", resourceType: "member", resourceId: null });
  return (
    <section aria-labelledby="patients-heading">
      <h1 id="patients-heading" className="text-2xl font-semibold text-slate-900">
        Patients
      </h1>
      <p className="mt-1 text-sm text-slate-600">Your organisation’s patients, newest first. Open one for their labs and result trends.</p>
      <PatientList initialQ={query.q ?? ""} initialPage={page} />
    </section>
  );
}
