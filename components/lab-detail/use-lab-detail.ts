"use client";
/**
 * Server state of the lab detail page: the lab itself, polled every second while the pipeline runs and left
 * alone once it is ready or failed, and the re-run of a failed lab (which starts the polling again).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { portalFetch } from "@/components/portal/api";
import { TERMINAL_STATUSES, type PortalLabDetail, type PortalLabSummary } from "@/lib/portal/schemas";

const POLL_MS = 1_000;

export const labDetailKey = (labId: string) => ["portal", "lab", labId] as const;

export function useLabDetail(initial: PortalLabDetail) {
  return useQuery({
    queryKey: labDetailKey(initial.id),
    queryFn: ({ signal }) => portalFetch<{ data: PortalLabDetail }>(`/api/portal/labs/${initial.id}`, { signal }).then((body) => body.data),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && TERMINAL_STATUSES.includes(query.state.data.status) ? false : POLL_MS),
  });
}

export function useRerunLab(labId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => portalFetch<{ data: PortalLabSummary }>(`/api/portal/labs/${labId}/rerun`, { method: "POST" }).then((body) => body.data),
    onSuccess: (summary) => {
      // The answer says the lab is pending again: polling resumes at once, then the full detail replaces this.
      client.setQueryData<PortalLabDetail>(labDetailKey(labId), (lab) => lab && { ...lab, status: summary.status, failureReason: summary.failureReason });
      void client.invalidateQueries({ queryKey: labDetailKey(labId) });
    },
  });
}
