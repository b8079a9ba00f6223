"use client";
/**
 * The /settings/audit page's body: who read or changed what and when, newest first, filtered through the URL,
 * more rows on request, and the filtered rows as a CSV download. Each row names its actor as a person would
 * (an e-mail, a key's name and prefix), links the lab or patient it concerns, and shows its detail.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { ACTOR_TYPES, AUDIT_EXPORT_CAP, type PortalAuditEvent, type PortalAuditPage } from "@/lib/organizations/settings-schemas";
import { errorMessage, portalFetch } from "../../portal/api";
import { LocalTime } from "../../portal/local-time";
import { actionLabel, auditApiQuery, auditFiltersFromSearch, detailEntries, hasAuditFilters, NO_AUDIT_FILTERS, resourceHref, searchFromAuditFilters, type AuditFilters } from "./audit-filters";
import { AuditFilterBar, resourceTypeLabel } from "./audit-filter-bar";

const PAGE_SIZE = 50;

export function AuditLog({ resourceTypes }: { resourceTypes: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => auditFiltersFromSearch(new URLSearchParams(search)), [search]);
  const apply = useCallback(
    (next: AuditFilters) => {
      const query = searchFromAuditFilters(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router],
  );

  const events = useInfiniteQuery({
    queryKey: ["settings", "audit", filters],
    queryFn: ({ pageParam, signal }) => portalFetch<PortalAuditPage>(`/api/portal/settings/audit?${auditApiQuery(filters, { cursor: pageParam, limit: PAGE_SIZE })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = useMemo(() => events.data?.pages.flatMap((page) => page.data) ?? [], [events.data]);
  const exportQuery = auditApiQuery(filters);

  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <h2 id="audit-heading" className="sr-only">
        Audit events
      </h2>
      {/* Re-mounted when the URL changes (clear, back), so the fields show what is applied. */}
      <AuditFilterBar key={search} filters={filters} resourceTypes={resourceTypes} onApply={apply} onClear={() => apply(NO_AUDIT_FILTERS)} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700">
          Export downloads every row these filters select, newest first, up to {AUDIT_EXPORT_CAP.toLocaleString("en-GB")} rows; narrow the dates for older ones.
        </p>
        <a
          href={`/api/portal/settings/audit/export${exportQuery ? `?${exportQuery}` : ""}`}
          download
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
        >
          <span aria-hidden="true">⤓</span> Export CSV
        </a>
      </div>
      {events.isPending ? (
        <div role="status" aria-label="Loading the audit log" className="space-y-2">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="h-12 animate-pulse rounded-lg bg-slate-200/70" />
          ))}
        </div>
      ) : events.isError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p>The audit log could not be loaded: {errorMessage(events.error)}</p>
          <button type="button" onClick={() => events.refetch()} className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100">
            Try again
          </button>
        </div>
      ) : rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          {hasAuditFilters(filters) ? (
            <>
              <p>No audit events match these filters.</p>
              <button type="button" onClick={() => apply(NO_AUDIT_FILTERS)} className="mt-2 text-sm font-medium text-brand-700 underline">
                Clear filters
              </button>
            </>
          ) : (
            <p>Nothing has been recorded yet. Reads of lab results and patients, sign-ins and every change an admin makes appear here.</p>
          )}
        </div>
      ) : (
        <>
          <EventTable rows={rows} />
          <EventCards rows={rows} />
          {events.hasNextPage && (
            <div className="flex justify-center">
              <button
                type="button"
                onClick={() => events.fetchNextPage()}
                disabled={events.isFetchingNextPage}
                className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
              >
                {events.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

const th = "px-4 py-2 font-medium";

function EventTable({ rows }: { rows: PortalAuditEvent[] }) {
  return (
    <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white md:block">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className={th}>Time</th>
            <th scope="col" className={th}>Actor</th>
            <th scope="col" className={th}>Action</th>
            <th scope="col" className={th}>Resource</th>
            <th scope="col" className={th}>Detail</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-800">
          {rows.map((row) => (
            <tr key={row.id} className="align-top" data-testid="audit-row">
              <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                <LocalTime iso={row.createdAt} />
              </td>
              <td className="max-w-64 px-4 py-3">
                <Actor row={row} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{actionLabel(row.action)}</td>
              <td className="max-w-72 px-4 py-3">
                <Resource row={row} />
              </td>
              <td className="max-w-80 px-4 py-3">
                <Detail detail={row.detail} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventCards({ rows }: { rows: PortalAuditEvent[] }) {
  return (
    <ul aria-label="Audit events, newest first" className="space-y-3 md:hidden">
      {rows.map((row) => (
        <li key={row.id} className="space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-800" data-testid="audit-card">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-semibold text-slate-900">{actionLabel(row.action)}</span>
            <LocalTime iso={row.createdAt} className="text-slate-700" />
          </div>
          <Actor row={row} />
          <Resource row={row} />
          <Detail detail={row.detail} whenEmpty={null} />
        </li>
      ))}
    </ul>
  );
}

function Actor({ row }: { row: PortalAuditEvent }) {
  return (
    <span className="block break-words">
      <span className="font-medium text-slate-900">{row.actorLabel}</span>
      <span className="block text-xs text-slate-600">{ACTOR_TYPES[row.actorType as keyof typeof ACTOR_TYPES] ?? row.actorType}</span>
    </span>
  );
}

function Resource({ row }: { row: PortalAuditEvent }) {
  const href = resourceHref(row.resourceType, row.resourceId);
  return (
    <span className="block break-words">
      <span className="text-slate-900">{resourceTypeLabel(row.resourceType)}</span>
      {row.resourceId &&
        (href ? (
          <Link href={href} className="block font-mono text-xs break-all text-brand-700 underline underline-offset-2 hover:text-brand-900">
            {row.resourceId}
          </Link>
        ) : (
          <span className="block font-mono text-xs break-all text-slate-700">{row.resourceId}</span>
        ))}
    </span>
  );
}

function Detail({ detail, whenEmpty = <span className="text-slate-600">—</span> }: { detail: unknown; whenEmpty?: React.ReactNode }) {
  const entries = detailEntries(detail);
  if (!entries.length) return whenEmpty;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-slate-600">{key}</dt>
          <dd className="break-all text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
