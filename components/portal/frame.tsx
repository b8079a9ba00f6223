/**
 * The portal's frame: a skip link, the header with the main navigation and who is signed in, and the page.
 * Signed-out visitors (the public API reference) get the same frame with a sign-in link instead.
 */
import Link from "next/link";
import { NavLink } from "./nav-link";

export interface FrameUser {
  email: string;
  name?: string | null;
  role: "admin" | "clinician";
}

export function PortalFrame({ user, signOut, children }: { user: FrameUser | null; signOut?: () => Promise<void>; children: React.ReactNode }) {
  return (
    <div className="min-h-screen print:min-h-0">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href={user ? "/labs" : "/docs"} className="text-lg font-semibold text-brand-900">
            Labwise
          </Link>
          <nav aria-label="Main" className="order-3 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
            {user && (
              <>
                <NavLink href="/labs">Labs</NavLink>
                <NavLink href="/patients">Patients</NavLink>
                <NavLink href="/upload">Upload</NavLink>
                {user.role === "admin" && (
                  <>
                    <NavLink href="/coach">Coach</NavLink>
                    <NavLink href="/settings">Settings</NavLink>
                  </>
                )}
              </>
            )}
            <NavLink href="/docs">API docs</NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            {user ? (
              <>
                <Link
                  href="/account"
                  className="rounded-md px-1 text-slate-700 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
                >
                  <span className="md:hidden">Account</span>
                  <span className="hidden md:inline">
                    {user.email} · {user.role}
                    <span className="sr-only"> (your account)</span>
                  </span>
                </Link>
                {signOut && (
                  <form action={signOut}>
                    <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
                      Sign out
                    </button>
                  </form>
                )}
              </>
            ) : (
              <Link href="/sign-in?callbackUrl=%2Fdocs" className="rounded-md bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-900">
                Sign in
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none sm:py-8 print:max-w-none print:p-0">
        {children}
      </main>
    </div>
  );
}
