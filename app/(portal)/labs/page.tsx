import type { Metadata } from "next";
import { recordPortalPhiAccess } from "@/lib/audit";
import { requirePortalUser } from "@/lib/auth/portal";
import { listOrganizationLabs } from "@/lib/labs";
import { LabStatusBadge } from "@/components/lab-status-badge";

export const metadata: Metadata = { title: "Labs" };

export default async function LabsPage() {
  const user = await requirePortalUser();
  const { items } = await listOrganizationLabs(user.organizationId, { limit: 50 });
  void recordPortalPhiAccess(user, { action: "list", resourceType: "lab_result", resourceId: null });
  return (
    <section aria-labelledby="labs-heading">
      <h1 id="labs-heading" className="text-2xl font-semibold text-slate-900">
        Lab results
      </h1>
      <p className="mt-1 text-sm text-slate-600">The 50 most recent lab results of your organisation, newest first.</p>
      {items.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No lab results yet. Partners register them through the API (see API docs).
        </p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Received</th>
                <th scope="col" className="px-4 py-2 font-medium">File</th>
                <th scope="col" className="px-4 py-2 font-medium">Patient</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((lab) => (
                <tr key={lab.id}>
                  <td className="px-4 py-2 whitespace-nowrap">{lab.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                  <td className="px-4 py-2">{lab.upload?.filename ?? lab.source}</td>
                  <td className="px-4 py-2">{lab.member?.displayName ?? lab.member?.externalId ?? "—"}</td>
                  <td className="px-4 py-2">
                    <LabStatusBadge status={lab.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
