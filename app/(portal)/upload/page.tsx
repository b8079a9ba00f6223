import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requirePortalUser } from "@/lib/auth/portal";
import { getPatientOrThrow, patientRef } from "@/lib/portal/patients";
import type { PortalPatientRef } from "@/lib/portal/schemas";
import { UploadPanel } from "@/components/labs/upload-panel";

export const metadata: Metadata = { title: "Upload" };

/** `?patientId=` (from a patient's page) chooses the patient in advance; anything else is ignored. */
async function preselected(organizationId: string, patientId: string | undefined): Promise<PortalPatientRef | null> {
  if (!z.uuid().safeParse(patientId).success) return null;
  const patient = await getPatientOrThrow(organizationId, patientId!).catch(() => null);
  return patient && patientRef(patient);
}

// /upload — upload lab reports for a patient
export default async function UploadPage({ searchParams }: { searchParams: Promise<{ patientId?: string }> }) {
  const user = await requirePortalUser();
  const patient = await preselected(user.organizationId, (await searchParams).patientId);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Upload lab reports</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          Choose the patient, then drop one or more reports: PDF or scanned pages, CSV exports, HL7 v2 messages or FHIR JSON. Each file is
          read, every analyte is flagged against its range, and a patient explanation and a clinician interpretation are written with
          their sources. Follow them on the <Link href="/labs" className="font-medium text-brand-700 underline">labs list</Link>.
        </p>
      </div>
      <UploadPanel initialPatient={patient} heading="Files" />
    </div>
  );
}
