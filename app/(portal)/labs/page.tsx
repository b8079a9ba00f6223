import type { Metadata } from "next";
import { Suspense } from "react";
import { recordPortalPhiAccess } from "@/lib/audit";
import { requirePortalUser } from "@/lib/auth/portal";
import { LabHistory } from "@/components/labs/lab-history";
import { UploadPanel } from "@/components/labs/upload-panel";

export const metadata: Metadata = { title: "Labs" };

// /labs — upload reports and follow the organisation's labs as they are processed
export default async function LabsPage() {
  const user = await requirePortalUser();
  void recordPortalPhiAccess(user, { action: "list", resourceType: "lab_result", resourceId: null });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Lab results</h1>
        <p className="mt-1 text-sm text-slate-700">Every lab of your organisation, newest first. Statuses update on their own while labs are processed.</p>
      </div>
      <UploadPanel />
      <Suspense>
        <LabHistory />
      </Suspense>
    </div>
  );
}
