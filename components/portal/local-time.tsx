"use client";
/**
 * Dates in the viewer's own time zone, with the zone shown ("28 Nov 2026, 11:31 CET"). The server does not
 * know the zone, so the first render (server and hydration) says UTC and the browser re-renders with its own:
 * never a time without the zone it is in.
 */
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/** False while rendering on the server and hydrating; true once the browser renders. */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

export function formatDateTime(iso: string, options: { timeZone?: string; dateOnly?: boolean } = {}): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(options.dateOnly ? {} : { hour: "2-digit", minute: "2-digit", timeZoneName: "short" }),
    timeZone: options.timeZone,
  }).format(new Date(iso));
}

export function LocalTime({ iso, dateOnly = false, className }: { iso: string | null; dateOnly?: boolean; className?: string }) {
  const isClient = useIsClient();
  if (!iso) return <span className={className}>—</span>;
  return (
    <time dateTime={iso} className={className}>
      {formatDateTime(iso, { timeZone: isClient ? undefined : "UTC", dateOnly })}
    </time>
  );
}

/** "Europe/Paris (CET)"-style name of the viewer's zone, for labels that need to say which zone a date is in. */
export function useTimeZoneName(): string {
  const isClient = useIsClient();
  if (!isClient) return "UTC";
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
