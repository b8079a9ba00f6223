"use client";
/**
 * The /settings/organization page's body: the organisation's name (admins change it), the concurrency limit
 * of its agent runs (read here; an operator changes it on the command line) and this month's usage.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { toast } from "sonner";
import type { PortalOrganization } from "@/lib/organizations/settings-schemas";
import { errorMessage, portalFetch } from "../../portal/api";
import { monthName, UsageCharts } from "./usage-charts";

const PATH = "/api/portal/settings/organization";
const KEY = ["settings", "organization"] as const;

export function OrganizationSettings() {
  const organization = useQuery({ queryKey: KEY, queryFn: ({ signal }) => portalFetch<{ data: PortalOrganization }>(PATH, { signal }).then((r) => r.data) });

  if (organization.isPending)
    return (
      <div role="status" aria-label="Loading the organisation" className="space-y-3">
        <div className="h-28 animate-pulse rounded-lg bg-slate-200/70" />
        <div className="h-48 animate-pulse rounded-lg bg-slate-200/70" />
      </div>
    );
  if (organization.isError)
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
        <p>The organisation could not be loaded: {errorMessage(organization.error)}</p>
        <button type="button" onClick={() => organization.refetch()} className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100">
          Try again
        </button>
      </div>
    );

  const { id, name, concurrentRunLimit, usage } = organization.data;
  const idle = usage.totals.labsProcessed + usage.totals.agentRuns + usage.totals.webhooksDelivered === 0;
  return (
    <div className="space-y-8">
      <NameForm key={name} name={name} />

      <section aria-labelledby="limit-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="limit-heading" className="text-lg font-semibold text-slate-900">
          Concurrent agent runs
        </h2>
        <p className="text-slate-800">
          Up to <strong data-testid="run-limit">{concurrentRunLimit}</strong> Lab Results Agent runs may be in flight at once. A request beyond that is answered{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-sm">429</code> with <code className="rounded bg-slate-100 px-1 font-mono text-sm">Retry-After</code> until a run
          finishes.
        </p>
        <p className="text-sm text-slate-700">The limit is set by your Labwise operator, who changes it on the command line:</p>
        <pre className="rounded-md bg-slate-900 px-3 py-2 text-sm break-all whitespace-pre-wrap text-slate-50">
          <code>{`npm run labwise -- org:set-limit --org ${id} --limit <runs>`}</code>
        </pre>
      </section>

      <section aria-labelledby="usage-heading" className="space-y-3">
        <div>
          <h2 id="usage-heading" className="text-lg font-semibold text-slate-900">
            Usage in {monthName(usage.month)}
          </h2>
          <p className="text-sm text-slate-700">
            So far this month, counted per UTC day (midnight to midnight UTC, whatever your time zone).
            {idle && " Nothing has been processed yet this month."}
          </p>
        </div>
        <UsageCharts usage={usage} />
      </section>
    </div>
  );
}

function NameForm({ name }: { name: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(name);
  const rename = useMutation({
    mutationFn: (next: string) => portalFetch<{ data: { name: string } }>(PATH, { method: "PATCH", body: { name: next } }),
    onSuccess: ({ data }) => {
      toast.success(`The organisation is now called ${data.name}`);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const trimmed = draft.trim();
  const problem = trimmed ? null : "The organisation needs a name.";

  return (
    <form
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem && trimmed !== name) rename.mutate(trimmed);
      }}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
        Name
      </h2>
      <div className="max-w-md">
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800">
          Organisation name
        </label>
        <input
          id={`${id}-name`}
          value={draft}
          maxLength={200}
          onChange={(event) => setDraft(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint`}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          Shown to your team in the portal. Changes are recorded in the audit log.
        </p>
      </div>
      {(problem || rename.isError) && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem ?? errorMessage(rename.error)}
        </p>
      )}
      <button
        type="submit"
        disabled={rename.isPending || !!problem || trimmed === name}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {rename.isPending ? "Saving…" : "Save name"}
      </button>
    </form>
  );
}
