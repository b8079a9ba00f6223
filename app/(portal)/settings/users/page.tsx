import type { Metadata } from "next";
import { UsersAdmin } from "@/components/settings/users/users-admin";
import { requirePortalAdmin } from "@/lib/auth/portal";

export const metadata: Metadata = { title: "Users" };

// /settings/users — the organisation's portal users: invite, change role, deactivate (admins; others get the 403 page)
export default async function UsersPage() {
  await requirePortalAdmin();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Users</h1>
        <p className="mt-1 text-sm text-slate-700">
          Who can sign in to your organisation&apos;s portal. Invite a teammate by e-mail, change what they can do, or deactivate an account; the
          organisation always keeps at least one active admin.
        </p>
      </div>
      <UsersAdmin />
    </div>
  );
}
