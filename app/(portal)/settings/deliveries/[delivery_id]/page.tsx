import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { recordPortalPhiAccess } from "@/lib/audit";
import { requirePortalAdmin } from "@/lib/auth/portal";
import { findPortalDeliveryDetail } from "@/lib/portal/settings-webhooks";
import { DeliveryDetail } from "@/components/settings/deliveries/delivery-detail";

export const metadata: Metadata = { title: "Delivery" };

// /settings/deliveries/{delivery_id} — one delivery: payload, headers, every attempt, replay (admins; another organisation's is a 404)
export default async function DeliveryPage({ params }: { params: Promise<{ delivery_id: string }> }) {
  const user = await requirePortalAdmin();
  const delivery = await findPortalDeliveryDetail(user.organizationId, (await params).delivery_id);
  if (!delivery) notFound();
  // A `labResultsComplete` payload holds lab values: the read is recorded like the API's.
  void recordPortalPhiAccess(user, { action: "read", resourceType: "webhook_delivery", resourceId: delivery.id });
  return (
    <div className="space-y-6">
      <div>
        <Link href="/settings/deliveries" className="text-sm font-medium text-brand-700 underline underline-offset-2">
          Back to the delivery log
        </Link>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Delivery</h1>
        <p className="mt-1 text-sm text-slate-700">What was sent, the headers it carried, and how the receiver answered each attempt.</p>
      </div>
      <DeliveryDetail initial={delivery} />
    </div>
  );
}
