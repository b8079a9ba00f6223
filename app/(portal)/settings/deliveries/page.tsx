import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePortalAdmin } from "@/lib/auth/portal";
import { DeliveryLog } from "@/components/settings/deliveries/delivery-log";

export const metadata: Metadata = { title: "Deliveries" };

// /settings/deliveries — the delivery log: filter by endpoint, event and status; each delivery opens with its attempts (admins)
export default async function DeliveriesPage() {
  await requirePortalAdmin();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Deliveries</h1>
        <p className="mt-1 text-sm text-slate-700">Every webhook sent to your endpoints and agent runs, newest first, with each attempt&apos;s answer.</p>
      </div>
      <Suspense>
        <DeliveryLog />
      </Suspense>
    </div>
  );
}
