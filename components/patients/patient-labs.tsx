"use client";
/** One patient's labs, newest first, each linking to its result page; refreshed while any is still running. */
import Link from "next/link";
import type { Page, PortalLabSummary } from "@/lib/portal/schemas";
import { LabStatusBadge } from "../lab-status-badge";
import { errorMessage } from "../portal/api";
import { LocalTime } from "../portal/local-time";
import { ErrorBox } from "./patient-list";
import { usePatientLabs } from "./use-patients";

export function PatientLabs({ patientId, initialPage }: { patientId: string; initialPage: Page<PortalLabSummary> }) {
  const query = usePatientLabs(patientId, initialPage);
  const labs = query.data?.pages.flatMap((page) => page.data) ?? [];

  if (!labs.length) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700">
        No labs for this patient yet.{" "}
        <Link href="/upload" className="font-medium text-brand-700 underline hover:text-brand-900">
          Upload one
        </Link>
        .
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
        {labs.map((lab) => (
          <LabRow key={lab.id} lab={lab} />
        ))}
      </ul>
      {query.isError && <ErrorBox message={errorMessage(query.error)} onRetry={() => void (query.hasNextPage ? query.fetchNextPage() : query.refetch())} />}
      {query.hasNextPage && (
        <button
          type="button"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none disabled:opacity-60"
        >
          {query.isFetchingNextPage ? "Loading…" : "Load more labs"}
        </button>
      )}
    </div>
  );
}

function LabRow({ lab }: { lab: PortalLabSummary }) {
  return (
    <li>
      <Link
        href={`/labs/${lab.id}`}
        className="flex flex-col gap-1 px-4 py-3 hover:bg-brand-50 focus-visible:bg-brand-50 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none focus-visible:ring-inset sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-4"
      >
        <span className="flex min-w-0 items-center gap-2 sm:w-64 sm:shrink-0">
          <LabStatusBadge status={lab.status} />
          <span className="text-sm text-slate-800">
            <span className="sr-only">Received </span>
            <LocalTime iso={lab.createdAt} />
          </span>
        </span>
        <span className="min-w-0 flex-1 truncate text-sm font-medium text-brand-900">{lab.fileName ?? labSource(lab.source)}</span>
        <span className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {lab.status === "ready" && (
            <>
              <span>{lab.analyteCount} results</span>
              {lab.criticalCount > 0 && <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">{lab.criticalCount} critical</span>}
              {lab.abnormalCount > 0 ? (
                <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-900 ring-1 ring-red-200">{lab.abnormalCount} abnormal</span>
              ) : (
                <span className="text-xs text-slate-600">none abnormal</span>
              )}
            </>
          )}
        </span>
        {lab.status === "failed" && lab.failureReason && <span className="text-sm text-red-900 sm:basis-full">Failed: {lab.failureReason}</span>}
      </Link>
    </li>
  );
}

function labSource(source: PortalLabSummary["source"]): string {
  return source === "upload" ? "Uploaded file" : source === "submission" ? "Partner submission" : "Agent run";
}
