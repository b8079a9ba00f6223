import type { Metadata } from "next";
import { requirePortalAdmin } from "@/lib/auth/portal";
import { ApiKeysAdmin } from "@/components/settings/api-keys/api-keys-admin";

export const metadata: Metadata = { title: "API keys" };

// /settings/api-keys — create, list and revoke the organisation's API keys (admins; others get the 403 page)
export default async function ApiKeysPage() {
  await requirePortalAdmin();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">API keys</h1>
        <p className="mt-1 text-sm text-slate-700">Keys let your systems call the Labwise API. Each is shown once when created; revoke one the moment it is no longer needed or may have leaked.</p>
      </div>
      <ApiKeysAdmin />
    </div>
  );
}
