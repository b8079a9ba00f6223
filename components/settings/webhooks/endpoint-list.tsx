"use client";
/** The organisation's endpoints: a table from 768 px, stacked cards below; each with what an admin can do to it. */
import Link from "next/link";
import { useState } from "react";
import type { PortalWebhookEndpoint } from "@/lib/portal/settings-webhooks-schemas";
import { LocalTime } from "../../portal/local-time";
import { endpointLabel } from "./use-webhooks";

export interface EndpointActionHandlers {
  onTest: (endpoint: PortalWebhookEndpoint) => void;
  onRotate: (endpoint: PortalWebhookEndpoint) => void;
  onToggle: (endpoint: PortalWebhookEndpoint) => void;
  onReplayDeadLetters: (endpoint: PortalWebhookEndpoint) => void;
  onDelete: (endpoint: PortalWebhookEndpoint) => void;
  /** The endpoint a test event is being sent to, if any. */
  testingId: string | null;
}

export function EndpointList({ endpoints, ...handlers }: { endpoints: PortalWebhookEndpoint[] } & EndpointActionHandlers) {
  // When the list was first drawn: whether a rotated-out secret is still within its grace period.
  const [now] = useState(() => Date.now());
  return (
    <>
      <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white md:block">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Webhook endpoints, newest first</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Endpoint</th>
              <th scope="col" className="px-4 py-2 font-medium">Events</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium">Secret</th>
              <th scope="col" className="px-4 py-2 font-medium">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id} className="align-top" aria-label={endpointLabel(endpoint.url)}>
                <td className="max-w-80 px-4 py-3">
                  <p className="font-medium break-all text-slate-900">{endpoint.url}</p>
                  {endpoint.description && <p className="mt-0.5 break-words text-slate-700">{endpoint.description}</p>}
                  <EndpointActions endpoint={endpoint} {...handlers} />
                </td>
                <td className="px-4 py-3">
                  <EventList events={endpoint.events} />
                </td>
                <td className="px-4 py-3">
                  <EnabledBadge enabled={endpoint.enabled} />
                </td>
                <td className="px-4 py-3">
                  <Fingerprint endpoint={endpoint} now={now} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                  <LocalTime iso={endpoint.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label="Webhook endpoints, newest first" className="space-y-3 md:hidden">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id} aria-label={endpointLabel(endpoint.url)} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <div className="flex items-start justify-between gap-2">
              <p className="font-medium break-all text-slate-900">{endpoint.url}</p>
              <EnabledBadge enabled={endpoint.enabled} />
            </div>
            {endpoint.description && <p className="break-words text-slate-700">{endpoint.description}</p>}
            <EventList events={endpoint.events} />
            <Fingerprint endpoint={endpoint} now={now} />
            <p className="text-slate-700">
              Created <LocalTime iso={endpoint.createdAt} />
            </p>
            <EndpointActions endpoint={endpoint} {...handlers} />
          </li>
        ))}
      </ul>
    </>
  );
}

function EventList({ events }: { events: string[] }) {
  if (!events.length) return <span className="text-slate-800">All events</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Events">
      {events.map((event) => (
        <li key={event}>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{event}</code>
        </li>
      ))}
    </ul>
  );
}

function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${enabled ? "bg-green-100 text-green-900" : "bg-slate-200 text-slate-800"}`}>
      {enabled ? "Enabled" : "Disabled"}
    </span>
  );
}

function Fingerprint({ endpoint, now }: { endpoint: PortalWebhookEndpoint; now: number }) {
  const previousSigns = endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > now;
  return (
    <div className="space-y-0.5">
      <code className="font-mono text-xs break-all text-slate-800" title="The SHA-256 fingerprint of the signing secret: tells which secret you hold">
        {endpoint.secretFingerprint}
      </code>
      {previousSigns && (
        <p className="text-xs text-slate-700">
          The previous secret signs too until <LocalTime iso={endpoint.previousSecretExpiresAt} />
        </p>
      )}
    </div>
  );
}

const BUTTON = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60";

function EndpointActions({ endpoint, onTest, onRotate, onToggle, onReplayDeadLetters, onDelete, testingId }: { endpoint: PortalWebhookEndpoint } & EndpointActionHandlers) {
  const name = <span className="sr-only"> {endpointLabel(endpoint.url)}</span>;
  return (
    <div className="mt-2 flex flex-wrap gap-2">
      <button type="button" className={BUTTON} disabled={testingId !== null || !endpoint.enabled} onClick={() => onTest(endpoint)}>
        {testingId === endpoint.id ? "Sending…" : "Send test event"}
        {name}
      </button>
      <button type="button" className={BUTTON} onClick={() => onRotate(endpoint)}>
        Rotate secret{name}
      </button>
      <button type="button" className={BUTTON} onClick={() => onToggle(endpoint)}>
        {endpoint.enabled ? "Disable" : "Enable"}
        {name}
      </button>
      <button type="button" className={BUTTON} disabled={!endpoint.enabled} onClick={() => onReplayDeadLetters(endpoint)}>
        Replay dead letters{name}
      </button>
      <Link href={`/settings/deliveries?endpointId=${endpoint.id}`} className={`${BUTTON} text-brand-700 underline-offset-2 hover:underline`}>
        Deliveries{name}
      </Link>
      <button type="button" className={`${BUTTON} text-red-800`} onClick={() => onDelete(endpoint)}>
        Delete{name}
      </button>
    </div>
  );
}
