/**
 * The lab list's filters as the URL holds them (so a filtered list can be reloaded and shared) and as the
 * endpoint takes them. Dates are calendar days in the viewer's zone: "to" includes its whole day.
 */
import { LAB_STATUSES, type PortalLabStatus } from "@/lib/portal/schemas";

export interface LabFilters {
  q: string;
  status: PortalLabStatus | "";
  results: "abnormal" | "critical" | "";
  from: string;
  to: string;
  patientId: string;
}

export const NO_FILTERS: LabFilters = { q: "", status: "", results: "", from: "", to: "", patientId: "" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(params: URLSearchParams): LabFilters {
  const status = params.get("status") ?? "";
  const results = params.get("results") ?? "";
  const day = (name: string) => (DAY.test(params.get(name) ?? "") ? params.get(name)! : "");
  return {
    q: params.get("q") ?? "",
    status: (LAB_STATUSES as readonly string[]).includes(status) ? (status as PortalLabStatus) : "",
    results: results === "abnormal" || results === "critical" ? results : "",
    from: day("from"),
    to: day("to"),
    patientId: params.get("patientId") ?? "",
  };
}

/** The page's own query string: only what is set. */
export function searchFromFilters(filters: LabFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return params.toString();
}

/** The endpoint's query: days become instants at the viewer's local midnight. */
export function apiQuery(filters: LabFilters, cursor: string | null, limit = 25): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.status) params.set("status", filters.status);
  if (filters.results) params.set("results", filters.results);
  if (filters.patientId) params.set("patientId", filters.patientId);
  if (filters.from) params.set("from", localMidnight(filters.from, 0).toISOString());
  if (filters.to) params.set("to", localMidnight(filters.to, 1).toISOString());
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

function localMidnight(day: string, plusDays: number): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year, month - 1, date + plusDays);
}

export function hasFilters(filters: LabFilters): boolean {
  return Object.values(filters).some(Boolean);
}
