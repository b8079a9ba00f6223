import type { Metadata } from "next";
import { requestSignInLink, signInWithPassword, signInWithSso } from "@/app/actions/sign-in";
import { singleSignOn } from "@/lib/auth/auth-config";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";

export const metadata: Metadata = { title: "Sign in" };

const FIELD =
  "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none";
const FOCUS = "focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; code?: string; callbackUrl?: string; signedOut?: string }>;
}) {
  const { error, code, callbackUrl, signedOut } = await searchParams;
  const message = signInErrorMessage(error, code);
  const sso = singleSignOn();
  const target = safeCallbackPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-brand-900">Sign in to Labwise</h1>
        <p className="mt-1 text-sm text-slate-600">For clinicians and partner administrators.</p>
        {message && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {message}
          </p>
        )}
        {!message && signedOut === "everywhere" && (
          <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
            You are signed out on every device and browser.
          </p>
        )}
        <form action={signInWithPassword} className="mt-6 space-y-4">
          <input type="hidden" name="callbackUrl" value={target} />
          <div>
            <label htmlFor="email" className="block text-sm font-medium text-slate-800">
              E-mail
            </label>
            <input id="email" name="email" type="email" autoComplete="username" required className={FIELD} />
          </div>
          <div>
            <label htmlFor="password" className="block text-sm font-medium text-slate-800">
              Password
            </label>
            <input id="password" name="password" type="password" autoComplete="current-password" required className={FIELD} />
          </div>
          <button type="submit" className={`w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 ${FOCUS}`}>
            Sign in
          </button>
          <div className="border-t border-slate-200 pt-4">
            <p id="link-hint" className="text-sm text-slate-600">
              No password, or forgotten it? Enter your e-mail above and we will send a link that signs you in once, within 15 minutes.
            </p>
            <button
              type="submit"
              formAction={requestSignInLink}
              formNoValidate
              aria-describedby="link-hint"
              className={`mt-3 w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-brand-900 hover:bg-slate-50 ${FOCUS}`}
            >
              Email me a sign-in link
            </button>
          </div>
        </form>
        {sso && (
          <form action={signInWithSso} className="mt-4">
            <input type="hidden" name="callbackUrl" value={target} />
            <button type="submit" className={`w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-brand-900 hover:bg-slate-50 ${FOCUS}`}>
              Continue with {sso.name}
            </button>
          </form>
        )}
        <p className="mt-6 text-xs text-slate-600">A session lasts 8 hours from sign-in, then the portal asks you to sign in again.</p>
      </div>
    </main>
  );
}
