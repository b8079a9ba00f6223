"use client";
/**
 * The /settings/users page's body: the organisation's users, the invitation dialog, and the changes an admin
 * makes — role, deactivation (both confirmed in a dialog naming the user), reactivation and a new invitation.
 */
import { useState } from "react";
import { toast } from "sonner";
import { userLabel, type PortalUser } from "@/lib/portal/users-schemas";
import { errorMessage } from "../../portal/api";
import { ConfirmChange, type PendingChange } from "./confirm-change";
import { InviteDialog } from "./invite-dialog";
import { BUTTON } from "./buttons";
import { UserList } from "./user-list";
import { useReactivate, useResendInvite, useUsers } from "./use-users";

export function UsersAdmin() {
  const users = useUsers();
  const [inviting, setInviting] = useState(false);
  const [change, setChange] = useState<PendingChange>(null);
  const reactivate = useReactivate();
  const resend = useResendInvite();
  const busyId = reactivate.isPending ? (reactivate.variables?.id ?? null) : resend.isPending ? (resend.variables?.id ?? null) : null;

  const onReactivate = (user: PortalUser) =>
    reactivate.mutate(user, {
      onSuccess: (updated) => toast.success(`${userLabel(updated)} can sign in again`),
      onError: (error) => toast.error(errorMessage(error)),
    });
  const onResendInvite = (user: PortalUser) =>
    resend.mutate(user, {
      onSuccess: (updated) => toast.success(`A new sign-in link is on its way to ${updated.email}`),
      onError: (error) => toast.error(errorMessage(error)),
    });

  return (
    <section aria-labelledby="users-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="users-heading" className="text-lg font-semibold text-slate-900">
            People
          </h2>
          {users.data && <Counts users={users.data} />}
        </div>
        <button type="button" onClick={() => setInviting(true)} className={BUTTON.primary}>
          Invite user
        </button>
      </div>

      {users.isPending ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" aria-live="polite">
          Loading the users…
        </p>
      ) : users.isError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p>The users could not be loaded: {errorMessage(users.error)}</p>
          <button type="button" onClick={() => void users.refetch()} className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100">
            Try again
          </button>
        </div>
      ) : users.data.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">No users yet. Invite the first one.</p>
      ) : (
        <UserList
          users={users.data}
          busyId={busyId}
          onChangeRole={(user, role) => setChange({ kind: "role", user, role })}
          onDeactivate={(user) => setChange({ kind: "deactivate", user })}
          onReactivate={onReactivate}
          onResendInvite={onResendInvite}
        />
      )}

      <InviteDialog open={inviting} onClose={() => setInviting(false)} />
      <ConfirmChange change={change} onClose={() => setChange(null)} />
    </section>
  );
}

function Counts({ users }: { users: PortalUser[] }) {
  const count = (status: PortalUser["status"]) => users.filter((u) => u.status === status).length;
  const admins = users.filter((u) => u.role === "admin" && u.status !== "deactivated").length;
  const parts = [`${count("active")} active`, `${count("invited")} invited`, `${count("deactivated")} deactivated`, `${admins} ${admins === 1 ? "admin" : "admins"}`];
  return <p className="text-sm text-slate-700">{parts.join(" · ")}</p>;
}
