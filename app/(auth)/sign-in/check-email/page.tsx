import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { config } from "@/lib/config";

export const metadata: Metadata = { title: "Check your e-mail" };

// Where every request for a sign-in link ends (Auth.js's verifyRequest page), whether or not a link was sent.
export default async function CheckEmailPage() {
  await connection(); // read the mail configuration of the running server, not of the build
  const printedToLog = !config().EMAIL_SERVER;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-brand-900">Check your e-mail</h1>
        <p role="status" className="mt-3 text-slate-700">
          If an account uses the address you entered, a sign-in link is on its way to it.
        </p>
        <p className="mt-3 text-sm text-slate-600">
          The link works once, for 15 minutes, and brings you back to the page you asked for. Nothing arrived? Look in the spam folder, or ask for
          another link.
        </p>
        {printedToLog && (
          <p className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
            This server has no mail server configured: the link is printed in its log, on the line starting with “[mail] SIGN-IN LINK”.
          </p>
        )}
        <Link
          href="/sign-in"
          className="mt-6 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-brand-900 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
        >
          Back to sign-in
        </Link>
      </div>
    </main>
  );
}
