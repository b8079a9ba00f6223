"use client";
/**
 * The organisation's patients: a search box (name or external id, debounced, kept in `?q=` so the page can be
 * shared and reloaded) over a cursor-paged list, with its empty, no-match, loading and error states.
 */
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import type { Page, PortalPatient } from "@/lib/portal/schemas";
import { errorMessage } from "../portal/api";
import { LocalTime } from "../portal/local-time";
import { usePatientSearch } from "./use-patients";

const DEBOUNCE_MS = 300;

export function PatientList({ initialQ, initialPage }: { initialQ: string; initialPage: Page<PortalPatient> }) {
  const [input, setInput] = useState(initialQ);
  const [q, setQ] = useState(initialQ);
  const inputId = useId();

  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [q]);

  const query = usePatientSearch(q, { q: initialQ, page: initialPage });
  const patients = query.data?.pages.flatMap((page) => page.data) ?? [];
  // Typing (before the debounce fires) counts as searching: the list below still answers the previous text.
  const searching = input.trim() !== q || (query.isFetching && !query.isFetchingNextPage);

  return (
    <div className="mt-6 space-y-4">
      <form role="search" onSubmit={(event) => { event.preventDefault(); setQ(input.trim()); }} className="max-w-xl">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          Search patients
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id={inputId}
            type="search"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            placeholder="Name or external ID"
            autoComplete="off"
            spellCheck={false}
            className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
          />
        </div>
        <p className="mt-1 h-5 text-sm text-slate-600" aria-live="polite">
          {searching ? "Searching…" : q && !query.isError && patients.length ? `${patients.length}${query.hasNextPage ? "+" : ""} ${patients.length === 1 ? "patient matches" : "patients match"} “${q}”` : ""}
        </p>
      </form>

      {query.isPending ? (
        <ListSkeleton />
      ) : query.isError && !patients.length ? (
        <ErrorBox message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
      ) : !patients.length ? (
        q ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
            <p>No patient’s name or external ID contains “{q}”.</p>
            <button type="button" onClick={() => setInput("")} className="mt-3 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none">
              Clear the search
            </button>
          </div>
        ) : (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
            <p className="font-medium text-slate-900">No patients yet.</p>
            <p className="mt-1 text-sm">
              A patient is added when a lab is uploaded for them.{" "}
              <Link href="/upload" className="font-medium text-brand-700 underline hover:text-brand-900">
                Upload a lab
              </Link>{" "}
              and choose or create the patient there.
            </p>
          </div>
        )
      ) : (
        <>
          <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white" aria-busy={searching}>
            {patients.map((patient) => (
              <PatientRow key={patient.id} patient={patient} />
            ))}
          </ul>
          {query.isError && <ErrorBox message={errorMessage(query.error)} onRetry={() => void query.fetchNextPage()} />}
          {query.hasNextPage && (
            <button
              type="button"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none disabled:opacity-60"
            >
              {query.isFetchingNextPage ? "Loading…" : "Load more patients"}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function PatientRow({ patient }: { patient: PortalPatient }) {
  return (
    <li>
      <Link
        href={`/patients/${patient.id}`}
        className="grid gap-1 px-4 py-3 hover:bg-brand-50 focus-visible:bg-brand-50 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none focus-visible:ring-inset sm:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_6rem_minmax(0,1.5fr)] sm:items-center sm:gap-4"
      >
        <span className="truncate font-medium text-brand-900">{patient.name ?? "Unnamed patient"}</span>
        <span className="truncate text-sm text-slate-700">
          <span className="text-slate-600">ID </span>
          {patient.externalId ?? "—"}
        </span>
        <span className="text-sm text-slate-700">
          {patient.labCount} {patient.labCount === 1 ? "lab" : "labs"}
        </span>
        <span className="text-sm text-slate-700">
          <span className="text-slate-600">Last lab </span>
          {patient.lastLabAt ? <LocalTime iso={patient.lastLabAt} /> : "none yet"}
        </span>
      </Link>
    </li>
  );
}

export function ListSkeleton({ rows = 5, label = "Loading patients" }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex animate-pulse flex-col gap-2 px-4 py-4 sm:flex-row sm:gap-6">
          <div className="h-4 w-40 rounded bg-slate-200" />
          <div className="h-4 w-24 rounded bg-slate-100" />
          <div className="h-4 w-32 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

export function ErrorBox({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p>{message}</p>
      <button type="button" onClick={onRetry} className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1.5 font-medium text-red-900 hover:bg-red-100 focus-visible:ring-2 focus-visible:ring-red-700 focus-visible:outline-none">
        Try again
      </button>
    </div>
  );
}
