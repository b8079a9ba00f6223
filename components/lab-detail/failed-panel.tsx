"use client";
import { toast } from "sonner";
import { errorMessage } from "@/components/portal/api";
import type { PortalLabDetail } from "@/lib/portal/schemas";
import { useRerunLab } from "./use-lab-detail";

/** Why the lab failed, in the words the pipeline chose for the person who has to act, and a way to retry. */
export function FailedPanel({ lab }: { lab: PortalLabDetail }) {
  const rerun = useRerunLab(lab.id);
  return (
    <section aria-labelledby="failed-heading" className="rounded-lg border-2 border-red-700 bg-red-50 p-4 sm:p-5">
      <h2 id="failed-heading" className="text-lg font-semibold text-red-900">
        This lab could not be processed
      </h2>
      <p className="mt-2 text-slate-900">{lab.failureReason ?? "The pipeline stopped without giving a reason."}</p>
      {lab.skipped.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-800">
          {lab.skipped.map((entry, index) => (
            <li key={index}>
              {entry.reason}
              {entry.where && <span className="text-slate-600"> ({entry.where})</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={rerun.isPending}
          onClick={() =>
            rerun.mutate(undefined, {
              onSuccess: () => toast.success("Re-run started"),
              onError: (error) => toast.error(errorMessage(error)),
            })
          }
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
        >
          {rerun.isPending ? "Starting…" : "Re-run"}
        </button>
        <span className="text-sm text-slate-700">Runs the pipeline again on the same file.</span>
      </div>
    </section>
  );
}
