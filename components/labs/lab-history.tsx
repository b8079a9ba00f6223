"use client";
/**
 * The organisation's labs, newest first: filters kept in the URL, pages loaded on demand, statuses that change
 * in place. The list polls while any lab on screen is still queued or processing and stops once all are
 * settled; a lab that turns ready (or fails) is announced with a toast and counted in the tab's title until
 * the user is back.
 */
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { LAB_STATUSES, TERMINAL_STATUSES, type Page, type PortalLabSummary } from "@/lib/portal/schemas";
import { LabStatusBadge } from "../lab-status-badge";
import { errorMessage, portalFetch } from "../portal/api";
import { LocalTime, useTimeZoneName } from "../portal/local-time";
import { apiQuery, filtersFromSearch, hasFilters, NO_FILTERS, searchFromFilters, type LabFilters } from "./lab-filters";
import { patientLabel } from "./patient-picker";

const POLL_MS = 1_500;
const STATUS_LABEL: Record<string, string> = { pending: "Queued", processing: "Processing", ready: "Ready", failed: "Failed" };

export function LabHistory() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setFilters = useCallback(
    (next: LabFilters) => {
      const query = searchFromFilters(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  const clearFilters = () => setFilters(NO_FILTERS);

  const labs = useInfiniteQuery({
    queryKey: ["labs", "list", filters],
    queryFn: ({ pageParam, signal }) => portalFetch<Page<PortalLabSummary>>(`/api/portal/labs?${apiQuery(filters, pageParam)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.data.some((lab) => !TERMINAL_STATUSES.includes(lab.status))) ? POLL_MS : false),
    refetchIntervalInBackground: true,
  });
  const items = useMemo(() => labs.data?.pages.flatMap((page) => page.data) ?? [], [labs.data]);
  useAnnounceSettledLabs(items);

  return (
    <section aria-labelledby="history-heading" className="space-y-4">
      <h2 id="history-heading" className="text-lg font-semibold text-slate-900">
        History
      </h2>
      <FilterBar filters={filters} onChange={setFilters} onClear={clearFilters} />
      {labs.isPending ? (
        <ListSkeleton />
      ) : labs.isError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p>The labs could not be loaded: {errorMessage(labs.error)}</p>
          <button type="button" onClick={() => labs.refetch()} className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100">
            Try again
          </button>
        </div>
      ) : items.length === 0 ? (
        <EmptyState filtered={hasFilters(filters)} onClear={clearFilters} />
      ) : (
        <>
          <LabTable labs={items} />
          <LabCards labs={items} />
          {labs.hasNextPage && (
            <div className="flex justify-center">
              <button
                type="button"
                onClick={() => labs.fetchNextPage()}
                disabled={labs.isFetchingNextPage}
                className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
              >
                {labs.isFetchingNextPage ? "Loading…" : "Load more labs"}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** Toasts and the title badge for labs that settle while the list is open. */
function useAnnounceSettledLabs(labs: PortalLabSummary[]) {
  const router = useRouter();
  const seen = useRef(new Map<string, string>());
  // The tab's title is the outside world here: it is written directly, not rendered.
  const unseen = useRef(0);
  const baseTitle = useRef<string | null>(null);
  // Only a badge is ever written: the page's own title is left to Next until there is something to count.
  const showBadge = useCallback(() => {
    if (unseen.current) {
      baseTitle.current ??= document.title;
      document.title = `(${unseen.current}) ${baseTitle.current}`;
    } else if (baseTitle.current !== null) {
      document.title = baseTitle.current;
      baseTitle.current = null;
    }
  }, []);

  useEffect(() => {
    for (const lab of labs) {
      const before = seen.current.get(lab.id);
      seen.current.set(lab.id, lab.status);
      if (!before || TERMINAL_STATUSES.includes(before as PortalLabSummary["status"]) || before === lab.status) continue;
      const who = lab.patient ? patientLabel(lab.patient) : (lab.fileName ?? "a lab");
      if (lab.status === "ready") {
        unseen.current++;
        toast.success(`Lab ready: ${who}`, {
          description: lab.criticalCount ? `${lab.criticalCount} critical value${lab.criticalCount > 1 ? "s" : ""}` : lab.abnormalCount ? `${lab.abnormalCount} outside the range` : "All results in range",
          action: { label: "Open", onClick: () => router.push(`/labs/${lab.id}`) },
        });
      } else if (lab.status === "failed") {
        unseen.current++;
        toast.error(`Lab failed: ${who}`, { description: lab.failureReason ?? undefined });
      }
    }
    showBadge();
  }, [labs, router, showBadge]);

  useEffect(() => {
    const acknowledge = () => {
      if (document.visibilityState !== "visible" || !unseen.current) return;
      unseen.current = 0;
      showBadge();
    };
    window.addEventListener("focus", acknowledge);
    window.addEventListener("pointerdown", acknowledge);
    window.addEventListener("keydown", acknowledge);
    return () => {
      window.removeEventListener("focus", acknowledge);
      window.removeEventListener("pointerdown", acknowledge);
      window.removeEventListener("keydown", acknowledge);
      unseen.current = 0;
      showBadge();
    };
  }, [showBadge]);
}

const fieldClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none";

function FilterBar({ filters, onChange, onClear }: { filters: LabFilters; onChange: (filters: LabFilters) => void; onClear: () => void }) {
  const id = useId();
  const zone = useTimeZoneName();
  const [q, setQ] = useState(filters.q);
  // The search box updates the URL a moment after typing stops, not on every key. When the URL's search
  // changes for another reason (cleared, back button), the box follows it; its own update does not overwrite
  // what was typed since.
  const [pushed, setPushed] = useState<string | null>(null);
  const [urlQ, setUrlQ] = useState(filters.q);
  if (filters.q !== urlQ) {
    setUrlQ(filters.q);
    if (filters.q !== pushed) setQ(filters.q);
  }
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => {
      setPushed(q);
      onChange({ ...filters, q });
    }, 300);
    return () => clearTimeout(timer);
  }, [q, filters, onChange]);

  return (
    <form role="search" aria-label="Filter labs" onSubmit={(event) => event.preventDefault()} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 lg:grid-cols-6">
      <div className="col-span-2">
        <label htmlFor={`${id}-q`} className="block text-sm text-slate-700">
          Search patient, identifier or file
        </label>
        <input id={`${id}-q`} type="search" value={q} onChange={(event) => setQ(event.target.value)} className={fieldClass} />
      </div>
      <div>
        <label htmlFor={`${id}-status`} className="block text-sm text-slate-700">
          Status
        </label>
        <select id={`${id}-status`} value={filters.status} onChange={(event) => onChange({ ...filters, status: event.target.value as LabFilters["status"] })} className={fieldClass}>
          <option value="">Any status</option>
          {LAB_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABEL[status]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-results`} className="block text-sm text-slate-700">
          Results
        </label>
        <select id={`${id}-results`} value={filters.results} onChange={(event) => onChange({ ...filters, results: event.target.value as LabFilters["results"] })} className={fieldClass}>
          <option value="">All results</option>
          <option value="abnormal">Has abnormal results</option>
          <option value="critical">Has critical results</option>
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-from`} className="block text-sm text-slate-700">
          Received from
        </label>
        <input id={`${id}-from`} type="date" value={filters.from} max={filters.to || undefined} onChange={(event) => onChange({ ...filters, from: event.target.value })} aria-describedby={`${id}-zone`} className={fieldClass} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className="block text-sm text-slate-700">
          Received to
        </label>
        <input id={`${id}-to`} type="date" value={filters.to} min={filters.from || undefined} onChange={(event) => onChange({ ...filters, to: event.target.value })} aria-describedby={`${id}-zone`} className={fieldClass} />
      </div>
      <p id={`${id}-zone`} className="col-span-2 text-xs text-slate-600 lg:col-span-5">
        Dates and times are in your time zone ({zone}).
        {filters.patientId && " Showing one patient's labs."}
      </p>
      {hasFilters(filters) && (
        <button
          type="button"
          onClick={onClear}
          className="justify-self-start text-sm font-medium text-brand-700 underline hover:text-brand-900 lg:justify-self-end"
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

function ResultsSummary({ lab }: { lab: PortalLabSummary }) {
  if (lab.status !== "ready") return <span className="text-slate-600">—</span>;
  if (lab.criticalCount) {
    return (
      <span className="inline-flex flex-wrap gap-1">
        <span className="rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{lab.criticalCount} critical</span>
        {lab.abnormalCount > lab.criticalCount && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{lab.abnormalCount - lab.criticalCount} abnormal</span>}
      </span>
    );
  }
  if (lab.abnormalCount) return <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{lab.abnormalCount} abnormal</span>;
  return <span className="text-xs text-slate-700">{lab.analyteCount} in range</span>;
}

function PatientCell({ lab }: { lab: PortalLabSummary }) {
  if (!lab.patient) return <span className="text-slate-600">No patient</span>;
  return (
    <Link href={`/patients/${lab.patient.id}`} className="font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:text-brand-700">
      {lab.patient.name ?? "Unnamed patient"}
      {lab.patient.externalId && <span className="block text-xs font-normal text-slate-600">{lab.patient.externalId}</span>}
    </Link>
  );
}

function labName(lab: PortalLabSummary): string {
  return lab.fileName ?? (lab.source === "agent_run" ? "Lab Results Agent request" : "Submitted values");
}

function LabTable({ labs }: { labs: PortalLabSummary[] }) {
  return (
    <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white md:block">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Lab results, newest first</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Received</th>
            <th scope="col" className="px-4 py-2 font-medium">Patient</th>
            <th scope="col" className="px-4 py-2 font-medium">Lab</th>
            <th scope="col" className="px-4 py-2 font-medium">Results</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {labs.map((lab) => (
            <tr key={lab.id} className="align-top hover:bg-slate-50">
              <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                <LocalTime iso={lab.createdAt} />
              </td>
              <td className="px-4 py-3">
                <PatientCell lab={lab} />
              </td>
              <td className="max-w-64 px-4 py-3">
                <Link href={`/labs/${lab.id}`} className="font-medium break-words text-brand-700 underline underline-offset-2 hover:text-brand-900">
                  {labName(lab)}
                </Link>
              </td>
              <td className="px-4 py-3">
                <ResultsSummary lab={lab} />
              </td>
              <td className="px-4 py-3">
                <StatusCell lab={lab} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LabCards({ labs }: { labs: PortalLabSummary[] }) {
  return (
    <ul aria-label="Lab results, newest first" className="space-y-3 md:hidden">
      {labs.map((lab) => (
        <li key={lab.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex items-start justify-between gap-2">
            <PatientCell lab={lab} />
            <LabStatusBadge status={lab.status} />
          </div>
          <Link href={`/labs/${lab.id}`} className="mt-2 block font-medium break-words text-brand-700 underline underline-offset-2">
            {labName(lab)}
          </Link>
          <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-slate-700">
            <LocalTime iso={lab.createdAt} />
            <ResultsSummary lab={lab} />
          </div>
          {lab.status === "failed" && <FailureNote lab={lab} />}
        </li>
      ))}
    </ul>
  );
}

function StatusCell({ lab }: { lab: PortalLabSummary }) {
  return (
    <div className="max-w-72 space-y-1">
      <LabStatusBadge status={lab.status} />
      {lab.status === "failed" && <FailureNote lab={lab} />}
    </div>
  );
}

function FailureNote({ lab }: { lab: PortalLabSummary }) {
  const queryClient = useQueryClient();
  const rerun = useMutation({
    mutationFn: () => portalFetch(`/api/portal/labs/${lab.id}/rerun`, { method: "POST" }),
    onSuccess: () => {
      toast.info("Running the lab again");
      // Queued at once on screen, so the list polls and announces how the new run ends.
      queryClient.setQueriesData<InfiniteData<Page<PortalLabSummary>>>({ queryKey: ["labs", "list"] }, (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({ ...page, data: page.data.map((l) => (l.id === lab.id ? { ...l, status: "pending" as const, failureReason: null } : l)) })),
        },
      );
      void queryClient.invalidateQueries({ queryKey: ["labs"] });
    },
    onError: (error) => toast.error("The lab could not be re-run", { description: errorMessage(error) }),
  });
  return (
    <div className="mt-1 space-y-1">
      <p className="text-sm text-red-900">{lab.failureReason ?? "The lab could not be processed."}</p>
      <button
        type="button"
        onClick={() => rerun.mutate()}
        disabled={rerun.isPending}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
      >
        {rerun.isPending ? "Starting…" : "Re-run"}
        <span className="sr-only"> the lab {labName(lab)}</span>
      </button>
    </div>
  );
}

function EmptyState({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
      {filtered ? (
        <>
          <p>No labs match these filters.</p>
          <button type="button" onClick={onClear} className="mt-2 text-sm font-medium text-brand-700 underline">
            Clear filters
          </button>
        </>
      ) : (
        <p>No lab results yet. Upload a report above, or send one through the API (see API docs).</p>
      )}
    </div>
  );
}

function ListSkeleton() {
  return (
    <div role="status" aria-label="Loading labs" className="space-y-2">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="h-14 animate-pulse rounded-lg bg-slate-200/70" />
      ))}
    </div>
  );
}
