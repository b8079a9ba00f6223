/** The portal's 403, 404 and error messages, shown inside the frame. */
import Link from "next/link";

export function NotFoundMessage() {
  return (
    <section aria-labelledby="not-found-heading" className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 id="not-found-heading" className="mt-1 text-2xl font-semibold text-slate-900">
        This page does not exist
      </h1>
      <p className="mt-2 text-slate-700">
        The lab or patient may have been removed, the link may be mistyped, or it belongs to another organisation.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link href="/labs" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          Go to labs
        </Link>
        <Link href="/patients" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Find a patient
        </Link>
      </div>
    </section>
  );
}

/** An admin page or action asked for by someone who is not an admin (HTTP 403, app/(portal)/forbidden.tsx). */
export function ForbiddenMessage() {
  return (
    <section aria-labelledby="forbidden-heading" className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 id="forbidden-heading" className="mt-1 text-2xl font-semibold text-slate-900">
        Only administrators can open this page
      </h1>
      <p className="mt-2 text-slate-700">
        Your account is a clinician account. If you need to manage users, keys, webhooks or the coach, ask an administrator of your organisation to
        change your role.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link href="/labs" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          Go to labs
        </Link>
      </div>
    </section>
  );
}

export function ErrorMessage({ reference, onRetry }: { reference?: string; onRetry: () => void }) {
  return (
    <section role="alert" aria-labelledby="error-heading" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-8 text-center">
      <h1 id="error-heading" className="text-2xl font-semibold text-slate-900">
        Something went wrong
      </h1>
      <p className="mt-2 text-slate-700">
        Labwise could not show this page. Nothing you entered was lost. Try again; if it keeps happening, contact support
        {reference ? (
          <>
            {" "}
            and quote the reference <code className="rounded bg-slate-100 px-1 font-mono text-sm">{reference}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <button type="button" onClick={onRetry} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          Try again
        </button>
        <Link href="/labs" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Go to labs
        </Link>
      </div>
    </section>
  );
}
