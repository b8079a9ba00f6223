"use client";
/**
 * The /settings/users page's server state: the organisation's users and the changes an admin makes to them,
 * through `/api/portal/settings/users/*`. Every change refreshes the list.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InviteUserBody, PortalUser, PortalUserRole } from "@/lib/portal/users-schemas";
import { portalFetch } from "../../portal/api";

export const USERS_KEY = ["settings", "users"] as const;
const USERS = "/api/portal/settings/users";

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: ({ signal }) => portalFetch<{ data: PortalUser[] }>(USERS, { signal }).then((r) => r.data) });
}

function useUserMutation<Input>(request: (input: Input) => Promise<{ data: PortalUser }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => request(input).then((r) => r.data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** The invitation as typed in the form: the server trims and lowercases the e-mail. */
export type InviteInput = { email: string; name: string; role: InviteUserBody["role"] };

export const useInviteUser = () => useUserMutation((input: InviteInput) => portalFetch<{ data: PortalUser }>(USERS, { method: "POST", body: input }));

export const useChangeRole = () =>
  useUserMutation(({ user, role }: { user: PortalUser; role: PortalUserRole }) => portalFetch<{ data: PortalUser }>(`${USERS}/${user.id}`, { method: "PATCH", body: { role } }));

export const useDeactivate = () => useUserMutation((user: PortalUser) => portalFetch<{ data: PortalUser }>(`${USERS}/${user.id}/deactivate`, { method: "POST" }));

export const useReactivate = () => useUserMutation((user: PortalUser) => portalFetch<{ data: PortalUser }>(`${USERS}/${user.id}/reactivate`, { method: "POST" }));

export const useResendInvite = () => useUserMutation((user: PortalUser) => portalFetch<{ data: PortalUser }>(`${USERS}/${user.id}/resend-invite`, { method: "POST" }));
