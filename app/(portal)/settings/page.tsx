import { redirect } from "next/navigation";
import { requirePortalAdmin } from "@/lib/auth/portal";

// /settings — the first section (a clinician gets the 403 page, not a redirect that reveals the sections)
export default async function SettingsIndex() {
  await requirePortalAdmin();
  redirect("/settings/users");
}
