"use client";
/**
 * The audit log's filters. Changes are collected and applied together ("Apply filters", or Enter in a field),
 * so typing an e-mail or pasting an id does not query on every key; the URL then holds them.
 */
import { useId, useState } from "react";
import { ACTOR_TYPES, RESOURCE_TYPE_LABELS, type ActorType } from "@/lib/organizations/settings-schemas";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/http/route-meta";
import { useTimeZoneName } from "../../portal/local-time";
import { actionLabel, hasAuditFilters, type AuditFilters } from "./audit-filters";

const field = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none";
const label = "block text-sm text-slate-700";

export const resourceTypeLabel = (type: string) => RESOURCE_TYPE_LABELS[type] ?? type;

export function AuditFilterBar({
  filters,
  resourceTypes,
  onApply,
  onClear,
}: {
  filters: AuditFilters;
  resourceTypes: string[];
  onApply: (filters: AuditFilters) => void;
  onClear: () => void;
}) {
  const id = useId();
  const zone = useTimeZoneName();
  const [draft, setDraft] = useState(filters);
  const set = <K extends keyof AuditFilters>(name: K, value: AuditFilters[K]) => setDraft((current) => ({ ...current, [name]: value }));
  const types = [...new Set([...resourceTypes, ...(filters.resourceType ? [filters.resourceType] : [])])].sort((a, b) => resourceTypeLabel(a).localeCompare(resourceTypeLabel(b)));

  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div>
        <label htmlFor={`${id}-actor-type`} className={label}>
          Actor type
        </label>
        <select id={`${id}-actor-type`} value={draft.actorType} onChange={(event) => set("actorType", event.target.value as ActorType | "")} className={field}>
          <option value="">Anyone</option>
          {(Object.keys(ACTOR_TYPES) as ActorType[]).map((type) => (
            <option key={type} value={type}>
              {ACTOR_TYPES[type]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-actor`} className={label}>
          Actor
        </label>
        <input id={`${id}-actor`} type="search" value={draft.actor} maxLength={320} onChange={(event) => set("actor", event.target.value)} aria-describedby={`${id}-actor-hint`} className={field} />
        <p id={`${id}-actor-hint`} className="mt-0.5 text-xs text-slate-600">
          E-mail (or part), key prefix (lw_…), member id or operator name
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-action`} className={label}>
          Action
        </label>
        <select id={`${id}-action`} value={draft.action} onChange={(event) => set("action", event.target.value as AuditAction | "")} className={field}>
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {actionLabel(action)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-resource-type`} className={label}>
          Resource type
        </label>
        <select id={`${id}-resource-type`} value={draft.resourceType} onChange={(event) => set("resourceType", event.target.value)} className={field}>
          <option value="">Any resource</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {resourceTypeLabel(type)}
            </option>
          ))}
        </select>
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-resource-id`} className={label}>
          Resource id
        </label>
        <input
          id={`${id}-resource-id`}
          type="search"
          value={draft.resourceId}
          maxLength={200}
          spellCheck={false}
          onChange={(event) => set("resourceId", event.target.value)}
          aria-describedby={`${id}-resource-hint`}
          className={`${field} font-mono`}
        />
        <p id={`${id}-resource-hint`} className="mt-0.5 text-xs text-slate-600">
          A lab result&apos;s id shows who read that result
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-from`} className={label}>
          From
        </label>
        <input id={`${id}-from`} type="date" value={draft.from} max={draft.to || undefined} onChange={(event) => set("from", event.target.value)} aria-describedby={`${id}-zone`} className={field} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className={label}>
          To
        </label>
        <input id={`${id}-to`} type="date" value={draft.to} min={draft.from || undefined} onChange={(event) => set("to", event.target.value)} aria-describedby={`${id}-zone`} className={field} />
      </div>
      <p id={`${id}-zone`} className="text-xs text-slate-600 sm:col-span-2 lg:col-span-4">
        Whole days in your time zone ({zone}); times below are in it too.
      </p>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          Apply filters
        </button>
        {(hasAuditFilters(filters) || hasAuditFilters(draft)) && (
          <button type="button" onClick={onClear} className="text-sm font-medium text-brand-700 underline hover:text-brand-900">
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
