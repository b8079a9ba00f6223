import type { Metadata } from "next";
import { requirePortalAdmin } from "@/lib/auth/portal";
import { SUBSCRIBABLE_EVENTS } from "@/lib/portal/settings-webhooks-schemas";
import { WebhooksAdmin } from "@/components/settings/webhooks/webhooks-admin";

export const metadata: Metadata = { title: "Webhooks" };

// /settings/webhooks — endpoints (secret once, test, rotate, disable, delete) and the agent-run signing secret (admins)
export default async function WebhooksPage() {
  await requirePortalAdmin();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-700">Where Labwise sends your organisation&apos;s events, and the secrets your receivers verify them with.</p>
      </div>
      <WebhooksAdmin events={SUBSCRIBABLE_EVENTS} />
    </div>
  );
}
