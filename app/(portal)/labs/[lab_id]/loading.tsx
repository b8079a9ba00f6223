/** The lab detail's skeleton while the server reads the lab. */
export default function LoadingLab() {
  const block = "rounded-lg border border-slate-200 bg-white";
  return (
    <div aria-busy="true" className="space-y-6 motion-safe:animate-pulse">
      <p role="status" className="sr-only">
        Loading the lab result…
      </p>
      <div className="space-y-3">
        <div className="h-4 w-32 rounded bg-slate-200" />
        <div className="h-7 w-72 max-w-full rounded bg-slate-200" />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="h-10 rounded bg-slate-200" />
          ))}
        </div>
      </div>
      <div className={`${block} h-32`} />
      <div className={`${block} h-72`} />
    </div>
  );
}
