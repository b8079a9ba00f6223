"use client";
/**
 * The confirmation before a change that signs a user out: a role change or a deactivation, naming the user.
 * A refusal of the server (the last active admin, your own account) is shown in the dialog as it was said.
 */
import { useRouter } from "next/navigation";
import { useId } from "react";
import { toast } from "sonner";
import { userLabel, type PortalUser, type PortalUserRole } from "@/lib/portal/users-schemas";
import { errorMessage } from "../../portal/api";
import { ErrorNote, Modal } from "../../portal/modal";
import { BUTTON } from "./buttons";
import { ROLE_CHANGE_HELP } from "./user-labels";
import { useChangeRole, useDeactivate } from "./use-users";

export type PendingChange = { kind: "role"; user: PortalUser; role: PortalUserRole } | { kind: "deactivate"; user: PortalUser } | null;

export function ConfirmChange({ change, onClose }: { change: PendingChange; onClose: () => void }) {
  const id = useId();
  const router = useRouter();
  const changeRole = useChangeRole();
  const deactivate = useDeactivate();
  const mutation = change?.kind === "deactivate" ? deactivate : changeRole;

  const close = () => {
    changeRole.reset();
    deactivate.reset();
    onClose();
  };
  const confirm = () => {
    if (!change) return;
    if (change.kind === "deactivate") {
      deactivate.mutate(change.user, {
        onSuccess: (user) => {
          toast.success(`${userLabel(user)} is deactivated and signed out`);
          close();
        },
      });
    } else {
      changeRole.mutate(
        { user: change.user, role: change.role },
        {
          onSuccess: (user) => {
            toast.success(`${userLabel(user)} is now ${change.role === "admin" ? "an admin" : "a clinician"}`);
            // Your own new role ended your session: the next page asks you to sign in again.
            if (user.isYou) router.push("/labs");
            else close();
          },
        },
      );
    }
  };

  return (
    <Modal open={change !== null} labelledBy={`${id}-heading`} onClose={close}>
      {change && (
        <>
          <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
            {change.kind === "deactivate"
              ? `Deactivate ${userLabel(change.user)}?`
              : `Make ${change.user.isYou ? "yourself" : userLabel(change.user)} ${change.role === "admin" ? "an admin" : "a clinician"}?`}
          </h2>
          {change.kind === "deactivate" ? (
            <p className="text-slate-800">
              {change.user.name ?? change.user.email} can no longer sign in, and any session they have open ends now. Their past actions stay in the audit
              log. You can reactivate them later.
            </p>
          ) : (
            <p className="text-slate-800">
              {ROLE_CHANGE_HELP[change.role]}{" "}
              {change.user.isYou ? "You will be signed out and sign in again with the new role." : "Their open sessions end now; they sign in again with the new role."}
            </p>
          )}
          <ErrorNote message={mutation.isError ? errorMessage(mutation.error) : null} />
          <div className="flex flex-wrap justify-end gap-3">
            <button type="button" onClick={close} className={BUTTON.secondary}>
              Cancel
            </button>
            <button type="button" disabled={mutation.isPending} onClick={confirm} className={change.kind === "deactivate" ? BUTTON.danger : BUTTON.primary}>
              {mutation.isPending ? "Saving…" : change.kind === "deactivate" ? "Deactivate" : change.role === "admin" ? "Make admin" : "Make clinician"}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
