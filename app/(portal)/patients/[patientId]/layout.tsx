import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePortalUser } from "@/lib/auth/portal";
import { AppError } from "@/lib/http/errors";
import { getPatientOrThrow } from "@/lib/portal/patients";

/**
 * Whether the patient exists in the user's organisation, decided before the page's loading skeleton streams:
 * a `notFound()` after streaming has begun would answer 200, and a wrong or foreign id must answer 404. (The
 * patients list keeps its own skeleton in the `(list)` group for the same reason.)
 */
export default async function PatientLayout({ children, params }: { children: React.ReactNode; params: Promise<{ patientId: string }> }) {
  const user = await requirePortalUser();
  const { patientId } = await params;
  if (!z.uuid().safeParse(patientId).success) notFound();
  await getPatientOrThrow(user.organizationId, patientId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return children;
}
