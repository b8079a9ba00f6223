"use client";
/**
 * Server state of the webhook settings pages, in one place: the endpoints, the agent-run secret's
 * fingerprints, and every change an admin makes to them, through `/api/portal/settings/*`. Secrets returned by
 * create, rotate and reveal live only in the mutation's result, never in the query cache.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  PortalDelivery,
  PortalPage,
  PortalSigningSecret,
  PortalSigningSecretStatus,
  PortalTestResult,
  PortalWebhookEndpoint,
  PortalWebhookEndpointWithSecret,
} from "@/lib/portal/settings-webhooks-schemas";
import { portalFetch } from "../../portal/api";

const BASE = "/api/portal/settings";
export const WEBHOOK_KEYS = {
  endpoints: ["settings", "webhooks", "endpoints"] as const,
  secret: ["settings", "webhooks", "agent-secret"] as const,
  deliveries: ["settings", "deliveries"] as const,
};

export function useEndpoints() {
  return useInfiniteQuery({
    queryKey: WEBHOOK_KEYS.endpoints,
    queryFn: ({ pageParam, signal }) =>
      portalFetch<PortalPage<PortalWebhookEndpoint>>(`${BASE}/webhooks?limit=100${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useSigningSecretStatus() {
  return useQuery({
    queryKey: WEBHOOK_KEYS.secret,
    queryFn: ({ signal }) => portalFetch<{ data: PortalSigningSecretStatus }>(`${BASE}/webhook-secret`, { signal }).then((r) => r.data),
  });
}

export interface NewEndpoint {
  url: string;
  events: string[];
  description?: string;
}

export function useWebhookMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: WEBHOOK_KEYS.endpoints });
  const refreshSecret = () => queryClient.invalidateQueries({ queryKey: WEBHOOK_KEYS.secret });
  const refreshDeliveries = () => queryClient.invalidateQueries({ queryKey: WEBHOOK_KEYS.deliveries });
  return {
    create: useMutation({
      mutationFn: (input: NewEndpoint) =>
        portalFetch<{ data: PortalWebhookEndpointWithSecret }>(`${BASE}/webhooks`, { method: "POST", body: input }).then((r) => r.data),
      onSuccess: refresh,
    }),
    setEnabled: useMutation({
      mutationFn: ({ endpoint, enabled }: { endpoint: PortalWebhookEndpoint; enabled: boolean }) =>
        portalFetch<{ data: PortalWebhookEndpoint }>(`${BASE}/webhooks/${endpoint.id}`, { method: "PATCH", body: { enabled } }).then((r) => r.data),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (endpoint: PortalWebhookEndpoint) =>
        portalFetch<{ data: { deadLettered: number } }>(`${BASE}/webhooks/${endpoint.id}`, { method: "DELETE" }).then((r) => r.data),
      onSuccess: () => Promise.all([refresh(), refreshDeliveries()]),
    }),
    rotate: useMutation({
      mutationFn: ({ endpoint, graceHours }: { endpoint: PortalWebhookEndpoint; graceHours: number }) =>
        portalFetch<{ data: PortalWebhookEndpointWithSecret }>(`${BASE}/webhooks/${endpoint.id}/rotate-secret`, { method: "POST", body: { graceHours } }).then(
          (r) => r.data,
        ),
      onSuccess: refresh,
    }),
    test: useMutation({
      mutationFn: (endpoint: PortalWebhookEndpoint) =>
        portalFetch<{ data: PortalTestResult }>(`${BASE}/webhooks/${endpoint.id}/test`, { method: "POST" }).then((r) => r.data),
      onSuccess: refreshDeliveries,
    }),
    replayDeadLetters: useMutation({
      mutationFn: (endpoint: PortalWebhookEndpoint) =>
        portalFetch<{ data: { replayed: number } }>(`${BASE}/webhooks/${endpoint.id}/replay-dead-letters`, { method: "POST" }).then((r) => r.data),
      onSuccess: refreshDeliveries,
    }),
    revealSecret: useMutation({
      mutationFn: () => portalFetch<{ data: PortalSigningSecret }>(`${BASE}/webhook-secret/reveal`, { method: "POST" }).then((r) => r.data),
    }),
    rotateSecret: useMutation({
      mutationFn: (graceHours: number) =>
        portalFetch<{ data: PortalSigningSecret }>(`${BASE}/webhook-secret/rotate`, { method: "POST", body: { graceHours } }).then((r) => r.data),
      onSuccess: refreshSecret,
    }),
  };
}

/** Replays one delivery (same `webhook-id`); the log and the delivery's own view refresh. */
export function useReplayDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      portalFetch<{ data: PortalDelivery }>(`${BASE}/deliveries/${deliveryId}/replay`, { method: "POST" }).then((r) => r.data),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WEBHOOK_KEYS.deliveries }),
  });
}

/** "example.org/hooks" for headings and confirmations: the URL without its scheme. */
export function endpointLabel(url: string): string {
  return url.replace(/^https?:\/\//, "");
}

export function graceLabel(hours: number): string {
  if (hours === 0) return "no grace period (the old secret stops signing at once)";
  if (hours < 24) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const days = hours / 24;
  return `${days} day${days === 1 ? "" : "s"}`;
}
