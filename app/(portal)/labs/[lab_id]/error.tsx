"use client";
/** A lab that could not be read (the database or the network, not a missing lab: that is the 404 page). */
export default function LabError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section aria-labelledby="lab-error-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <h1 id="lab-error-heading" className="text-xl font-semibold text-slate-900">
        This lab result could not be loaded
      </h1>
      <p className="mt-2 text-slate-700">Something went wrong on our side while reading it. Nothing about the lab has changed.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none"
      >
        Try again
      </button>
    </section>
  );
}
