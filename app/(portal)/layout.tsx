import Link from "next/link";
import { requirePortalUser, signOut } from "@/lib/auth/portal";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/sign-in" });
}

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePortalUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/labs" className="text-lg font-semibold text-brand-900">
            Labwise
          </Link>
          <Link href="/labs" className="text-sm text-slate-700 hover:text-brand-700">
            Labs
          </Link>
          <Link href="/docs" className="text-sm text-slate-700 hover:text-brand-700">
            API docs
          </Link>
          <span className="ml-auto text-sm text-slate-600">
            {user.email} · {user.role}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
