"use client";
/**
 * Server state of the patients pages, in one place: the organisation's patients (searched, paged) and one
 * patient's labs (paged, refreshed while any of them is still being processed).
 */
import { useInfiniteQuery, type InfiniteData } from "@tanstack/react-query";
import type { Page, PortalLabSummary, PortalPatient } from "@/lib/portal/schemas";
import { TERMINAL_STATUSES } from "@/lib/portal/schemas";
import { portalFetch } from "../portal/api";
import { PAGE_SIZE } from "./page-size";

const firstPage = <T,>(page: Page<T> | undefined): InfiniteData<Page<T>, string | null> | undefined =>
  page ? { pages: [page], pageParams: [null] } : undefined;

/** Patients whose name or external id contains `q`; `initial` is the page the server rendered for `initialQ`. */
export function usePatientSearch(q: string, initial?: { q: string; page: Page<PortalPatient> }) {
  return useInfiniteQuery({
    queryKey: ["portal", "patients", q],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (q) params.set("q", q);
      if (pageParam) params.set("cursor", pageParam);
      return portalFetch<Page<PortalPatient>>(`/api/portal/patients?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initial && initial.q === q ? firstPage(initial.page) : undefined,
    // While the next search runs, the previous answer stays on screen instead of a skeleton.
    placeholderData: (previous) => previous,
  });
}

/** One patient's labs, newest first; polled while one of them is still pending or processing. */
export function usePatientLabs(patientId: string, initial: Page<PortalLabSummary>) {
  return useInfiniteQuery({
    queryKey: ["portal", "labs", { patientId }],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ patientId, limit: String(PAGE_SIZE) });
      if (pageParam) params.set("cursor", pageParam);
      return portalFetch<Page<PortalLabSummary>>(`/api/portal/labs?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: firstPage(initial),
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.data.some((lab) => !TERMINAL_STATUSES.includes(lab.status))) ? 3_000 : false,
  });
}
