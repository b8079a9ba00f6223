"use client";
/** A patients page that could not be rendered: say so, offer a retry, keep the portal frame. */
export default function PatientsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-1 text-sm">Labwise could not read the patients just now. Try again in a moment.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-red-100 focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:outline-none">
        Try again
      </button>
    </div>
  );
}
