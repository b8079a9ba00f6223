"use client";
/** The invitation form, in a dialog: e-mail, an optional name and the role; the invitee gets a sign-in link. */
import { useId, useState } from "react";
import { toast } from "sonner";
import { PORTAL_ROLES, type PortalUserRole } from "@/lib/portal/users-schemas";
import { errorMessage } from "../../portal/api";
import { ErrorNote, Modal } from "../../portal/modal";
import { BUTTON } from "./buttons";
import { ROLE_HELP, ROLE_LABEL } from "./user-labels";
import { useInviteUser } from "./use-users";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none";

export function InviteDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const id = useId();
  const invite = useInviteUser();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<PortalUserRole>("clinician");

  const close = () => {
    invite.reset();
    setEmail("");
    setName("");
    setRole("clinician");
    onClose();
  };

  return (
    <Modal open={open} labelledBy={`${id}-heading`} onClose={close}>
      <form
        aria-labelledby={`${id}-heading`}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate(
            { email, name, role },
            {
              onSuccess: (user) => {
                toast.success(`Invitation sent to ${user.email}`);
                close();
              },
            },
          );
        }}
      >
        <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
          Invite a user
        </h2>
        <p className="text-sm text-slate-700">They get an e-mail with a sign-in link and appear as invited until they first sign in.</p>
        <div>
          <label htmlFor={`${id}-email`} className="block text-sm font-medium text-slate-800">
            E-mail
          </label>
          <input id={`${id}-email`} type="email" required autoComplete="off" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} className={field} />
        </div>
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800">
            Name <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input id={`${id}-name`} type="text" autoComplete="off" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} className={field} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Role</legend>
          <div className="mt-1 space-y-2">
            {PORTAL_ROLES.map((option) => (
              <label key={option} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input type="radio" name={`${id}-role`} value={option} checked={role === option} onChange={() => setRole(option)} className="mt-0.5" />
                <span>
                  <span className="font-medium text-slate-900">{ROLE_LABEL[option]}</span>
                  <span className="block text-slate-700">{ROLE_HELP[option]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorNote message={invite.isError ? errorMessage(invite.error) : null} />
        <div className="flex flex-wrap justify-end gap-3">
          <button type="button" onClick={close} className={BUTTON.secondary}>
            Cancel
          </button>
          <button type="submit" disabled={invite.isPending} className={BUTTON.primary}>
            {invite.isPending ? "Sending…" : "Send invitation"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
