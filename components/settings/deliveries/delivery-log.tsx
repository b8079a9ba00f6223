"use client";
/**
 * The delivery log: every webhook the organisation was sent, newest first, filtered by endpoint, event type
 * and status (kept in the URL, so a filtered log can be reloaded or shared), a page at a time. Each opens on
 * its own page with its payload, headers and attempts. The list refreshes while a delivery on screen is still
 * queued, sending or waiting for a retry.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useMemo } from "react";
import { DELIVERY_EVENT_TYPES, DELIVERY_STATUS_VALUES, type PortalDelivery, type PortalPage } from "@/lib/portal/settings-webhooks-schemas";
import { errorMessage, portalFetch } from "../../portal/api";
import { LocalTime } from "../../portal/local-time";
import { endpointLabel, useEndpoints, WEBHOOK_KEYS } from "../webhooks/use-webhooks";
import { DeliveryStatusBadge, isSettled, statusLabel } from "./delivery-status";

const POLL_MS = 2_000;
const FILTERS = ["endpointId", "eventType", "status"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

export function DeliveryLog() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo<Filters>(() => Object.fromEntries(FILTERS.flatMap((key) => (searchParams.get(key) ? [[key, searchParams.get(key)!]] : []))), [searchParams]);
  const setFilter = (key: keyof Filters, value: string) => {
    const next = new URLSearchParams();
    for (const k of FILTERS) {
      const v = k === key ? value : filters[k];
      if (v) next.set(k, v);
    }
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const filtered = FILTERS.some((k) => filters[k]);

  const deliveries = useInfiniteQuery({
    queryKey: [...WEBHOOK_KEYS.deliveries, "list", filters],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ ...filters, limit: "25", ...(pageParam ? { cursor: pageParam } : {}) });
      return portalFetch<PortalPage<PortalDelivery>>(`/api/portal/settings/deliveries?${query}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.data.some((d) => !isSettled(d.status))) ? POLL_MS : false),
  });
  const items = deliveries.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <section aria-labelledby="log-heading" className="space-y-4">
      <h2 id="log-heading" className="sr-only">
        Deliveries
      </h2>
      <FilterBar filters={filters} onChange={setFilter} onClear={() => router.replace(pathname, { scroll: false })} />
      {deliveries.isPending ? (
        <p className="text-sm text-slate-700">Loading the deliveries…</p>
      ) : deliveries.isError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The deliveries could not be loaded: {errorMessage(deliveries.error)}{" "}
          <button type="button" className="underline" onClick={() => void deliveries.refetch()}>
            Try again
          </button>
        </p>
      ) : items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700">
          {filtered ? "No delivery matches these filters." : "Nothing has been sent yet. Deliveries appear here as soon as an event is sent to one of your endpoints or agent runs."}
        </p>
      ) : (
        <>
          <DeliveryTable deliveries={items} />
          <DeliveryCards deliveries={items} />
          {deliveries.hasNextPage && (
            <div className="flex justify-center">
              <button
                type="button"
                onClick={() => void deliveries.fetchNextPage()}
                disabled={deliveries.isFetchingNextPage}
                className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
              >
                {deliveries.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function FilterBar({ filters, onChange, onClear }: { filters: Filters; onChange: (key: keyof Filters, value: string) => void; onClear: () => void }) {
  const id = useId();
  const endpoints = useEndpoints();
  const options = endpoints.data?.pages.flatMap((p) => p.data) ?? [];
  const select = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end">
      <div className="space-y-1">
        <label htmlFor={`${id}-endpoint`} className="block text-sm font-medium text-slate-900">
          Endpoint
        </label>
        <select id={`${id}-endpoint`} value={filters.endpointId ?? ""} onChange={(e) => onChange("endpointId", e.target.value)} className={select}>
          <option value="">All destinations</option>
          {options.map((endpoint) => (
            <option key={endpoint.id} value={endpoint.id}>
              {endpointLabel(endpoint.url)}
            </option>
          ))}
          {filters.endpointId && !options.some((e) => e.id === filters.endpointId) && <option value={filters.endpointId}>A deleted endpoint</option>}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-event`} className="block text-sm font-medium text-slate-900">
          Event type
        </label>
        <select id={`${id}-event`} value={filters.eventType ?? ""} onChange={(e) => onChange("eventType", e.target.value)} className={select}>
          <option value="">All events</option>
          {DELIVERY_EVENT_TYPES.map((event) => (
            <option key={event} value={event}>
              {event}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-status`} className="block text-sm font-medium text-slate-900">
          Status
        </label>
        <select id={`${id}-status`} value={filters.status ?? ""} onChange={(e) => onChange("status", e.target.value)} className={select}>
          <option value="">All statuses</option>
          {DELIVERY_STATUS_VALUES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={onClear} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
        Clear filters
      </button>
    </div>
  );
}

function lastAnswer(delivery: PortalDelivery): string {
  if (delivery.lastStatusCode) return `HTTP ${delivery.lastStatusCode}`;
  return delivery.lastError ?? "—";
}

function DeliveryTable({ deliveries }: { deliveries: PortalDelivery[] }) {
  return (
    <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white md:block">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Webhook deliveries, newest first</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Created</th>
            <th scope="col" className="px-4 py-2 font-medium">Event</th>
            <th scope="col" className="px-4 py-2 font-medium">Destination</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium">Attempts</th>
            <th scope="col" className="px-4 py-2 font-medium">Last answer</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id} className="align-top hover:bg-slate-50">
              <td className="px-4 py-3 whitespace-nowrap">
                <Link href={`/settings/deliveries/${d.id}`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
                  <LocalTime iso={d.createdAt} />
                  <span className="sr-only">: {d.eventType} delivery</span>
                </Link>
              </td>
              <td className="px-4 py-3">
                <code className="font-mono text-xs text-slate-900">{d.eventType}</code>
                {d.sequenceNumber !== null && <span className="ml-1 text-xs text-slate-700">#{d.sequenceNumber}</span>}
              </td>
              <td className="max-w-72 px-4 py-3 break-all text-slate-800">{endpointLabel(d.url)}</td>
              <td className="px-4 py-3">
                <DeliveryStatusBadge status={d.status} />
              </td>
              <td className="px-4 py-3 text-slate-800">{d.attempts}</td>
              <td className="max-w-56 px-4 py-3 break-words text-slate-800">{lastAnswer(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeliveryCards({ deliveries }: { deliveries: PortalDelivery[] }) {
  return (
    <ul aria-label="Webhook deliveries, newest first" className="space-y-3 md:hidden">
      {deliveries.map((d) => (
        <li key={d.id} className="space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex items-start justify-between gap-2">
            <Link href={`/settings/deliveries/${d.id}`} className="font-mono font-medium break-all text-brand-700 underline underline-offset-2">
              {d.eventType}
            </Link>
            <DeliveryStatusBadge status={d.status} />
          </div>
          <p className="break-all text-slate-800">{endpointLabel(d.url)}</p>
          <p className="flex flex-wrap justify-between gap-2 text-slate-700">
            <LocalTime iso={d.createdAt} />
            <span>
              {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"} · {lastAnswer(d)}
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}
