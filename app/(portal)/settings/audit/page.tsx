import type { Metadata } from "next";
import { Suspense } from "react";
import { auditResourceTypes } from "@/lib/audit/log";
import { requirePortalAdmin } from "@/lib/auth/portal";
import { AuditLog } from "@/components/settings/audit/audit-log";

export const metadata: Metadata = { title: "Audit log" };

// /settings/audit — who read or changed what and when, filterable and exportable (admins; others get the 403 page)
export default async function AuditPage() {
  const user = await requirePortalAdmin();
  const resourceTypes = await auditResourceTypes(user.organizationId);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Audit log</h1>
        <p className="mt-1 text-sm text-slate-700">
          Every read of patient data and every change to users, keys, webhooks and the coach, by whom and when, newest first.
        </p>
      </div>
      <Suspense>
        <AuditLog resourceTypes={resourceTypes} />
      </Suspense>
    </div>
  );
}
