import type { PortalLabStatus, PortalPipelineStep, PortalStepStatus } from "@/lib/portal/schemas";

const STEP: Record<PortalStepStatus, { icon: string; word: string; tone: string }> = {
  pending: { icon: "○", word: "Waiting", tone: "border-slate-300 bg-white text-slate-600" },
  queued: { icon: "○", word: "Queued", tone: "border-slate-400 bg-white text-slate-700" },
  running: { icon: "◐", word: "Running", tone: "border-amber-600 bg-amber-50 text-amber-900 motion-safe:animate-pulse" },
  succeeded: { icon: "✓", word: "Done", tone: "border-emerald-700 bg-emerald-700 text-white" },
  failed: { icon: "✕", word: "Failed", tone: "border-red-700 bg-red-700 text-white" },
  cancelled: { icon: "–", word: "Cancelled", tone: "border-slate-400 bg-slate-100 text-slate-700" },
  dead_letter: { icon: "✕", word: "Gave up", tone: "border-red-700 bg-red-700 text-white" },
};

/** "12 ms", "1.4 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

/**
 * The seven pipeline steps with their state and duration: in full while the lab runs or after it failed,
 * folded into one line (that opens) once it is ready.
 */
export function PipelineTimeline({ steps, status }: { steps: PortalPipelineStep[]; status: PortalLabStatus }) {
  const done = steps.filter((s) => s.status === "succeeded").length;
  const total = steps.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
  const list = <StepList steps={steps} />;
  if (status === "ready") {
    return (
      <details className="group rounded-lg border border-slate-200 bg-white px-4 py-3 sm:px-6 print:hidden">
        <summary className="cursor-pointer text-sm text-slate-700 marker:text-slate-500">
          <span className="font-medium text-slate-900">Processing steps</span>: all {steps.length} done in {formatDuration(total)}
        </summary>
        <div className="mt-3">{list}</div>
      </details>
    );
  }
  return (
    <section aria-labelledby="steps-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6 print:hidden">
      <h2 id="steps-heading" className="text-lg font-semibold text-slate-900">
        Processing steps
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {status === "failed" ? `Stopped after ${done} of ${steps.length} steps.` : `${done} of ${steps.length} steps done. This page updates by itself.`}
      </p>
      <div className="mt-4">{list}</div>
    </section>
  );
}

function StepList({ steps }: { steps: PortalPipelineStep[] }) {
  return (
    <ol className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
      {steps.map((step, index) => {
        const look = STEP[step.status];
        return (
          <li key={step.type} className="flex items-start gap-2 rounded-md border border-slate-100 p-2 xl:flex-col">
            <span aria-hidden="true" className={`inline-flex size-6 shrink-0 items-center justify-center rounded-full border-2 text-xs font-bold ${look.tone}`}>
              {look.icon}
            </span>
            <span className="min-w-0 text-sm">
              <span className="block font-medium text-slate-900">
                <span className="sr-only">Step {index + 1}: </span>
                {step.label}
              </span>
              <span className="block text-slate-600">
                {look.word}
                {step.durationMs !== null && ` · ${formatDuration(step.durationMs)}`}
                {step.attempts > 1 && ` · ${step.attempts} attempts`}
              </span>
              {step.error && step.status !== "succeeded" && <span className="mt-1 block text-xs break-words text-red-800">{step.error}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
