/**
 * How the portal's client components call its endpoints (`/api/portal/*`): same-origin, never cached, JSON
 * in and out, and an error carrying the envelope's message (lib/http/surfaces.ts) so a page can show it as
 * it is. A 401 means the session ended: the browser goes to sign-in and comes back here afterwards.
 */
export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PortalApiError";
  }
}

export async function portalFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: { accept: "application/json", ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      credentials: "same-origin",
      cache: "no-store",
      signal: init.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new PortalApiError(0, "NETWORK", "Labwise could not be reached. Check your connection and try again.");
  }
  if (response.status === 401) {
    window.location.assign(signInUrl());
    throw new PortalApiError(401, "UNAUTHENTICATED", "Your session has ended. Sign in again.");
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok) {
    throw new PortalApiError(response.status, body?.error?.code ?? "ERROR", body?.error?.message ?? `Labwise answered ${response.status}. Try again.`);
  }
  return body as T;
}

/** Sign-in, then back to the page the user is on. */
export function signInUrl(): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`;
}

/** The message to show for a failed query or mutation. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
