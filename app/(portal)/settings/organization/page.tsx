import type { Metadata } from "next";
import { requirePortalAdmin } from "@/lib/auth/portal";
import { OrganizationSettings } from "@/components/settings/organization/organization-settings";

export const metadata: Metadata = { title: "Organisation" };

// /settings/organization — name, agent-run limit and this month's usage (admins; others get the 403 page)
export default async function OrganizationPage() {
  await requirePortalAdmin();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Organisation</h1>
        <p className="mt-1 text-sm text-slate-700">Your organisation&apos;s name, how many agent runs it may have in flight, and what it has used this month.</p>
      </div>
      <OrganizationSettings />
    </div>
  );
}
