"use client";
/**
 * One delivery: where it went, its status, the payload as stored (pretty JSON), and every attempt with the
 * time, the receiver's status, the duration, the error, the start of the answer and the headers it was sent
 * with (`webhook-id` is the delivery's id on every attempt; signatures are shown, secrets never). A settled
 * delivery can be replayed: it keeps its `webhook-id`. The view refreshes until the delivery settles.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { toast } from "sonner";
import type { PortalDeliveryDetail } from "@/lib/portal/settings-webhooks-schemas";
import { errorMessage, portalFetch } from "../../portal/api";
import { LocalTime } from "../../portal/local-time";
import { useReplayDelivery, WEBHOOK_KEYS } from "../webhooks/use-webhooks";
import { DeliveryStatusBadge, isSettled } from "./delivery-status";

const POLL_MS = 1_000;

export function DeliveryDetail({ initial }: { initial: PortalDeliveryDetail }) {
  const delivery = useQuery({
    queryKey: [...WEBHOOK_KEYS.deliveries, "detail", initial.id],
    queryFn: ({ signal }) => portalFetch<{ data: PortalDeliveryDetail }>(`/api/portal/settings/deliveries/${initial.id}`, { signal }).then((r) => r.data),
    initialData: initial,
    // The first read came with the page: fetch again only while it is still in the outbox.
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data && !isSettled(query.state.data.status) ? POLL_MS : false),
  });
  const replay = useReplayDelivery();
  const d = delivery.data;

  return (
    <div className="space-y-6">
      <section aria-labelledby="summary-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="summary-heading" className="font-mono text-lg font-semibold break-all text-slate-900">
            {d.eventType}
          </h2>
          <span data-testid="delivery-status">
            <DeliveryStatusBadge status={d.status} />
          </span>
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-900">webhook-id</dt>
          <dd>
            <code className="font-mono text-xs break-all text-slate-800">{d.id}</code>
          </dd>
          <dt className="font-medium text-slate-900">Destination</dt>
          <dd className="text-slate-800">
            <span className="break-all">{d.url}</span>{" "}
            {d.endpointId ? (
              <Link href={`/settings/deliveries?endpointId=${d.endpointId}`} className="text-brand-700 underline underline-offset-2">
                (all deliveries to this endpoint)
              </Link>
            ) : (
              <span className="text-slate-700">(an agent run&apos;s own URL, signed with the agent-run secret)</span>
            )}
          </dd>
          <dt className="font-medium text-slate-900">Created</dt>
          <dd className="text-slate-800">
            <LocalTime iso={d.createdAt} />
          </dd>
          {d.sequenceNumber !== null && (
            <>
              <dt className="font-medium text-slate-900">Sequence number</dt>
              <dd className="text-slate-800">{d.sequenceNumber}</dd>
            </>
          )}
          {d.deliveredAt && (
            <>
              <dt className="font-medium text-slate-900">Delivered</dt>
              <dd className="text-slate-800">
                <LocalTime iso={d.deliveredAt} />
              </dd>
            </>
          )}
          {d.nextAttemptAt && d.status === "failed" && (
            <>
              <dt className="font-medium text-slate-900">Next attempt</dt>
              <dd className="text-slate-800">
                <LocalTime iso={d.nextAttemptAt} />
              </dd>
            </>
          )}
          {d.lastError && (
            <>
              <dt className="font-medium text-slate-900">Last error</dt>
              <dd className="break-words text-slate-800">{d.lastError}</dd>
            </>
          )}
        </dl>
        <div className="space-y-1">
          <button
            type="button"
            disabled={!isSettled(d.status) || replay.isPending}
            onClick={() =>
              replay.mutate(d.id, {
                onSuccess: () => {
                  toast.success("Sent back to the outbox: it goes out again with the same webhook-id");
                  void delivery.refetch();
                },
                onError: (error) => toast.error(errorMessage(error)),
              })
            }
            className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
          >
            {replay.isPending ? "Replaying…" : "Replay delivery"}
          </button>
          <p className="text-sm text-slate-700">
            {isSettled(d.status)
              ? "Replaying sends it again with the same webhook-id, so your receiver can tell it already has it."
              : "It can be replayed once it is delivered or dead-lettered."}
          </p>
        </div>
      </section>

      <section aria-labelledby="payload-heading" className="space-y-2">
        <h2 id="payload-heading" className="text-lg font-semibold text-slate-900">
          Payload
        </h2>
        <p className="text-sm text-slate-700">As stored. Each attempt sends it with its top-level timestamp set to that attempt&apos;s send time.</p>
        <pre
          tabIndex={0}
          aria-label="Payload as JSON"
          className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-slate-900 p-4 font-mono text-xs text-slate-100"
        >
          {JSON.stringify(d.payload, null, 2)}
        </pre>
      </section>

      <section aria-labelledby="attempts-heading" className="space-y-3">
        <h2 id="attempts-heading" className="text-lg font-semibold text-slate-900">
          Attempts
        </h2>
        {d.attemptLog.length === 0 ? (
          <p className="text-sm text-slate-700">No attempt yet{isSettled(d.status) ? "." : ": it is waiting in the outbox."}</p>
        ) : (
          <ol aria-label="Attempts, oldest first" className="space-y-3">
            {d.attemptLog.map((a) => (
              <li key={a.attempt} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-label={`Attempt ${a.attempt}`}>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                  <h3 className="font-semibold text-slate-900">Attempt {a.attempt}</h3>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${a.statusCode && a.statusCode < 300 ? "bg-green-100 text-green-900" : "bg-red-100 text-red-900"}`}>
                    {a.statusCode ? `HTTP ${a.statusCode}` : "No answer"}
                  </span>
                  <span className="text-slate-700">{a.latencyMs} ms</span>
                  <LocalTime iso={a.sentAt ?? a.attemptedAt} className="text-slate-700" />
                </div>
                {a.error && <p className="break-words text-red-800">Error: {a.error}</p>}
                <div>
                  <p className="font-medium text-slate-900">Response</p>
                  {a.responseExcerpt ? (
                    <pre className="mt-1 max-h-40 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900">
                      {a.responseExcerpt}
                    </pre>
                  ) : (
                    <p className="text-slate-700">No body.</p>
                  )}
                </div>
                <div>
                  <p className="font-medium text-slate-900">Request headers</p>
                  {a.requestHeaders ? (
                    <dl className="mt-1 grid gap-x-4 gap-y-0.5 rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs sm:grid-cols-[auto_1fr]">
                      {Object.entries(a.requestHeaders).map(([name, value]) => (
                        <div key={name} className="contents">
                          <dt className="text-slate-700">{name}</dt>
                          <dd className="break-all text-slate-900" data-header={name}>
                            {value}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    <p className="text-slate-700">Nothing was sent on this attempt (the URL was refused or the endpoint disabled), or it predates header recording.</p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
