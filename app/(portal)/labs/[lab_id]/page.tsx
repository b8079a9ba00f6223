import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { recordPortalPhiAccess } from "@/lib/audit";
import { findPortalLabDetail } from "@/lib/portal/lab-detail";
import { LabDetailView } from "@/components/lab-detail/lab-detail-view";
import { requireLabOfUser } from "./lab";

// No patient name in the title: titles end up in browser history and tab lists.
export const metadata: Metadata = { title: "Lab result" };

export default async function LabDetailPage({ params }: { params: Promise<{ lab_id: string }> }) {
  // The session (requirePortalUser) and the organisation, checked once for the layout and the page.
  const { user, labId } = await requireLabOfUser((await params).lab_id);
  const lab = await findPortalLabDetail(user.organizationId, labId);
  if (!lab) notFound();
  void recordPortalPhiAccess(user, { action: "read", resourceType: "lab_result", resourceId: lab.id });
  const readersHref = user.role === "admin" ? `/settings/audit?resourceId=${lab.id}` : undefined;
  return <LabDetailView initial={lab} readersHref={readersHref} />;
}
