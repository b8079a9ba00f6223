/** Words the users page shows for roles and statuses. */
import type { PortalUserRole, PortalUserStatus } from "@/lib/portal/users-schemas";

export const ROLE_LABEL: Record<PortalUserRole, string> = { clinician: "Clinician", admin: "Admin" };

export const ROLE_HELP: Record<PortalUserRole, string> = {
  clinician: "Uploads and reads labs and patients.",
  admin: "Also manages users, API keys, webhooks, the coach and the audit log.",
};

/** What a role change gives or takes away, said in its confirmation. */
export const ROLE_CHANGE_HELP: Record<PortalUserRole, string> = {
  admin: "Admins manage users, API keys, webhooks, the coach and the audit log, besides working with labs and patients.",
  clinician: "Clinicians work with labs and patients and cannot open the settings or the coach.",
};

export const STATUS_LABEL: Record<PortalUserStatus, string> = { active: "Active", invited: "Invited", deactivated: "Deactivated" };

export const STATUS_STYLE: Record<PortalUserStatus, string> = {
  active: "bg-green-100 text-green-900",
  invited: "bg-amber-100 text-amber-900",
  deactivated: "bg-slate-200 text-slate-800",
};
