/**
 * The audit log's filters as the URL holds them (so "who read this result" can be bookmarked and shared, and
 * linked to as /settings/audit?resourceId=<lab id>) and as the endpoints take them. Dates are calendar days
 * in the viewer's zone, as on the labs list: "to" includes its whole day.
 */
import { ACTOR_TYPES, type ActorType } from "@/lib/organizations/settings-schemas";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/http/route-meta";

export interface AuditFilters {
  actorType: ActorType | "";
  actor: string;
  action: AuditAction | "";
  resourceType: string;
  resourceId: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { actorType: "", actor: "", action: "", resourceType: "", resourceId: "", from: "", to: "" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const RESOURCE_TYPE = /^[a-z][a-z_]{0,63}$/;

export function auditFiltersFromSearch(params: URLSearchParams): AuditFilters {
  const get = (name: string) => params.get(name)?.trim() ?? "";
  const actorType = get("actorType");
  const action = get("action");
  return {
    actorType: actorType in ACTOR_TYPES ? (actorType as ActorType) : "",
    actor: get("actor").slice(0, 320),
    action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : "",
    resourceType: RESOURCE_TYPE.test(get("resourceType")) ? get("resourceType") : "",
    resourceId: get("resourceId").slice(0, 200),
    from: DAY.test(get("from")) ? get("from") : "",
    to: DAY.test(get("to")) ? get("to") : "",
  };
}

/** The page's own query string: only what is set. */
export function searchFromAuditFilters(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value.trim()) params.set(name, value.trim());
  return params.toString();
}

/** The endpoints' query: days become instants at the viewer's local midnight; `to` is the next day's. */
export function auditApiQuery(filters: AuditFilters, page?: { cursor: string | null; limit: number }): string {
  const params = new URLSearchParams();
  if (page) params.set("limit", String(page.limit));
  for (const name of ["actorType", "actor", "action", "resourceType", "resourceId"] as const) if (filters[name].trim()) params.set(name, filters[name].trim());
  if (filters.from) params.set("from", localMidnight(filters.from, 0).toISOString());
  if (filters.to) params.set("to", localMidnight(filters.to, 1).toISOString());
  if (page?.cursor) params.set("cursor", page.cursor);
  return params.toString();
}

function localMidnight(day: string, plusDays: number): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year, month - 1, date + plusDays);
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== "");
}

const ACTION_WORDS: Partial<Record<AuditAction, string>> = {
  send_test: "Send test event",
  revoke_sessions: "Sign out everywhere",
  sign_in: "Sign-in",
  sign_in_refused: "Sign-in refused",
};

/** "read" → "Read", "sign_in_refused" → "Sign-in refused". */
export function actionLabel(action: string): string {
  const known = ACTION_WORDS[action as AuditAction];
  if (known) return known;
  const words = action.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A row's detail as label and value pairs; arrays as lists, anything else as JSON. */
export function detailEntries(detail: unknown): [string, string][] {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== "object" || Array.isArray(detail)) return [["detail", JSON.stringify(detail)]];
  return Object.entries(detail as Record<string, unknown>).map(([key, value]) => [
    key,
    Array.isArray(value) ? value.map(String).join(", ") : typeof value === "string" ? value : JSON.stringify(value),
  ]);
}

/** The portal page of a resource a row names, when it has one. */
export function resourceHref(resourceType: string, resourceId: string | null): string | null {
  if (!resourceId) return null;
  if (resourceType === "lab_result") return `/labs/${encodeURIComponent(resourceId)}`;
  if (resourceType === "member") return `/patients/${encodeURIComponent(resourceId)}`;
  return null;
}
