import type { Metadata } from "next";
import { requirePortalAdmin } from "@/lib/auth/portal";
import { CoachAdmin } from "@/components/coach/coach-admin";

export const metadata: Metadata = { title: "Coach" };

// /coach — the organisation's coach profiles, deploys, roll back and "Try it" (admins; others get the 403 page)
export default async function CoachPage() {
  await requirePortalAdmin();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Coach</h1>
        <p className="mt-1 text-sm text-slate-700">
          The voice and limits of the health coach your members chat with. Changes are made in a candidate and reach members when it is deployed; the
          next chat session opens with the active profile.
        </p>
      </div>
      <CoachAdmin />
    </div>
  );
}
