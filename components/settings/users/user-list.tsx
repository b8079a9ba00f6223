"use client";
/**
 * The organisation's users: a table from 768 px, stacked cards below (the labs list's pattern). Each user
 * with role, status, last sign-in and the actions that apply: change role, resend the invitation,
 * deactivate (never yourself) or reactivate.
 */
import { userLabel, type PortalUser, type PortalUserRole } from "@/lib/portal/users-schemas";
import { LocalTime } from "../../portal/local-time";
import { BUTTON } from "./buttons";
import { ROLE_LABEL, STATUS_LABEL, STATUS_STYLE } from "./user-labels";

export interface UserActionHandlers {
  onChangeRole: (user: PortalUser, role: PortalUserRole) => void;
  onDeactivate: (user: PortalUser) => void;
  onReactivate: (user: PortalUser) => void;
  onResendInvite: (user: PortalUser) => void;
  /** The user whose direct action (reactivate, resend) is in flight. */
  busyId: string | null;
}

export function UserList({ users, ...handlers }: { users: PortalUser[] } & UserActionHandlers) {
  return (
    <>
      <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white md:block">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Users of your organisation: active, then invited, then deactivated</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                User
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Last sign-in
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                Actions
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {users.map((user) => (
              <tr key={user.id} data-user-email={user.email}>
                <td className="px-4 py-3">
                  <UserName user={user} />
                </td>
                <td className="px-4 py-3 text-slate-800">{ROLE_LABEL[user.role]}</td>
                <td className="px-4 py-3">
                  <StatusBadge user={user} />
                </td>
                <td className="px-4 py-3 text-slate-800">
                  <LastSignIn user={user} />
                </td>
                <td className="px-4 py-3">
                  <UserActions user={user} {...handlers} align="end" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label="Users of your organisation" className="space-y-3 md:hidden">
        {users.map((user) => (
          <li key={user.id} aria-label={userLabel(user)} data-user-email={user.email} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <UserName user={user} />
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-800">
              <span>{ROLE_LABEL[user.role]}</span>
              <StatusBadge user={user} />
            </p>
            <p className="text-sm text-slate-700">
              Last sign-in: <LastSignIn user={user} />
            </p>
            <UserActions user={user} {...handlers} align="start" />
          </li>
        ))}
      </ul>
    </>
  );
}

function UserName({ user }: { user: PortalUser }) {
  return (
    <div className="min-w-0">
      <p className="font-medium break-words text-slate-900">
        {user.name ?? user.email}
        {user.isYou && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-semibold text-brand-900">You</span>}
      </p>
      {user.name && <p className="text-sm break-all text-slate-700">{user.email}</p>}
    </div>
  );
}

function StatusBadge({ user }: { user: PortalUser }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[user.status]}`}>{STATUS_LABEL[user.status]}</span>;
}

function LastSignIn({ user }: { user: PortalUser }) {
  if (user.lastSignInAt) return <LocalTime iso={user.lastSignInAt} />;
  return <span>{user.status === "invited" ? "Not yet" : "Not recorded"}</span>;
}

function UserActions({ user, onChangeRole, onDeactivate, onReactivate, onResendInvite, busyId, align }: { user: PortalUser; align: "start" | "end" } & UserActionHandlers) {
  const who = <span className="sr-only"> {user.isYou ? "(you)" : userLabel(user)}</span>;
  const busy = busyId === user.id;
  return (
    <div className={`flex flex-wrap gap-2 ${align === "end" ? "justify-end" : ""}`}>
      {user.status === "deactivated" ? (
        <button type="button" disabled={busy} onClick={() => onReactivate(user)} className={BUTTON.small}>
          {busy ? "Reactivating…" : "Reactivate"}
          {who}
        </button>
      ) : (
        <>
          <button type="button" onClick={() => onChangeRole(user, user.role === "admin" ? "clinician" : "admin")} className={BUTTON.small}>
            {user.role === "admin" ? "Make clinician" : "Make admin"}
            {who}
          </button>
          {user.status === "invited" && (
            <button type="button" disabled={busy} onClick={() => onResendInvite(user)} className={BUTTON.small}>
              {busy ? "Sending…" : "Resend invite"}
              {who}
            </button>
          )}
          {!user.isYou && (
            <button type="button" onClick={() => onDeactivate(user)} className={BUTTON.smallDanger}>
              Deactivate{who}
            </button>
          )}
        </>
      )}
    </div>
  );
}
