export default function PatientLoading() {
  return (
    <div role="status" aria-label="Loading the patient" className="space-y-6">
      <div className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <div className="h-6 w-40 animate-pulse rounded bg-slate-200" />
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white" />
        <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white" />
      </div>
    </div>
  );
}
