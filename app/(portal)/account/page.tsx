import type { Metadata } from "next";
import { signOutEverywhereAction } from "@/app/actions/sign-out";
import { LocalTime } from "@/components/portal/local-time";
import { auth, requirePortalUser } from "@/lib/auth/portal";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-validity";

export const metadata: Metadata = { title: "Your account" };

// /account — who is signed in, until when, and "Sign out everywhere"
export default async function AccountPage() {
  const user = await requirePortalUser();
  const signedInAt = (await auth())?.signedInAt;
  const endsAt = signedInAt ? new Date(signedInAt + SESSION_MAX_AGE_SECONDS * 1000).toISOString() : null;
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Your account</h1>
        <p className="mt-1 text-sm text-slate-700">Who you are signed in as, and how to end your sessions.</p>
      </div>
      <section aria-labelledby="account-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="account-heading" className="text-lg font-semibold text-slate-900">
          Signed in
        </h2>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">E-mail</dt>
          <dd className="break-all text-slate-900">{user.email}</dd>
          {user.name && (
            <>
              <dt className="font-medium text-slate-700">Name</dt>
              <dd className="text-slate-900">{user.name}</dd>
            </>
          )}
          <dt className="font-medium text-slate-700">Role</dt>
          <dd className="text-slate-900">{user.role === "admin" ? "Administrator" : "Clinician"}</dd>
          <dt className="font-medium text-slate-700">This session ends</dt>
          <dd className="text-slate-900">
            <LocalTime iso={endsAt} /> <span className="text-slate-600">(8 hours after you signed in)</span>
          </dd>
        </dl>
      </section>
      <section aria-labelledby="everywhere-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="everywhere-heading" className="text-lg font-semibold text-slate-900">
          Sign out everywhere
        </h2>
        <p id="everywhere-hint" className="mt-2 text-sm text-slate-700">
          Ends your sessions in every browser and on every device, this one included. Use it after signing in on a shared computer or losing a
          device. You can sign in again straight away.
        </p>
        <form action={signOutEverywhereAction} className="mt-4">
          <button
            type="submit"
            aria-describedby="everywhere-hint"
            className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:ring-offset-2 focus-visible:outline-none"
          >
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
