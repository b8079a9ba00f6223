"use client";
/** The API-key page's server state: the list, a create and a revoke, through `/api/portal/settings/api-keys`. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateApiKeyBody, PortalApiKey, PortalCreatedApiKey } from "@/lib/organizations/settings-schemas";
import { portalFetch } from "../../portal/api";

const KEYS_PATH = "/api/portal/settings/api-keys";
export const API_KEYS_KEY = ["settings", "api-keys"] as const;

export function useApiKeys() {
  return useQuery({ queryKey: API_KEYS_KEY, queryFn: ({ signal }) => portalFetch<{ data: PortalApiKey[] }>(KEYS_PATH, { signal }).then((r) => r.data) });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => portalFetch<{ data: PortalCreatedApiKey }>(KEYS_PATH, { method: "POST", body }).then((r) => r.data),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: PortalApiKey) => portalFetch<{ data: PortalApiKey }>(`${KEYS_PATH}/${key.id}/revoke`, { method: "POST" }).then((r) => r.data),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
  });
}

/** How a key is named wherever one is confirmed or announced: its prefix, then its name. */
export const keyLabel = (key: Pick<PortalApiKey, "prefix" | "name">) => `${key.prefix} (${key.name})`;
