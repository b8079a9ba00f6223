"use client";
/**
 * The /settings/api-keys page's body: create a key (its secret shown once), and the organisation's keys by
 * prefix with their scopes, creation and last use — live keys first, revoked ones after them, marked, and
 * hidden on request — each live one revocable behind a confirmation naming it.
 */
import { useId, useState } from "react";
import { toast } from "sonner";
import type { PortalApiKey, PortalCreatedApiKey } from "@/lib/organizations/settings-schemas";
import { errorMessage } from "../../portal/api";
import { LocalTime } from "../../portal/local-time";
import { CreateKeyForm } from "./create-key-form";
import { NewKeyPanel } from "./new-key-panel";
import { RevokeDialog } from "./revoke-dialog";
import { keyLabel, useApiKeys, useCreateApiKey, useRevokeApiKey } from "./use-api-keys";

export function ApiKeysAdmin() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [created, setCreated] = useState<PortalCreatedApiKey | null>(null);
  const [stored, setStored] = useState(false);
  const [confirming, setConfirming] = useState<PortalApiKey | null>(null);
  const [showRevoked, setShowRevoked] = useState(true);
  const toggleId = useId();

  const closeRevoke = () => {
    revoke.reset();
    setConfirming(null);
  };

  return (
    <div className="space-y-8">
      {created ? (
        <NewKeyPanel
          created={created}
          onDone={() => {
            setCreated(null);
            setStored(true);
          }}
        />
      ) : (
        <CreateKeyForm
          pending={create.isPending}
          error={create.isError ? errorMessage(create.error) : null}
          focusOnMount={stored}
          onSubmit={(body) =>
            create.mutateAsync(body).then((key) => {
              setCreated(key);
              toast.success(`Created ${keyLabel(key)}`);
            })
          }
        />
      )}

      <section aria-labelledby="keys-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="keys-heading" className="text-lg font-semibold text-slate-900">
            Keys
          </h2>
          <div className="flex items-center gap-2 text-sm text-slate-800">
            <input id={toggleId} type="checkbox" checked={showRevoked} onChange={(event) => setShowRevoked(event.target.checked)} className="size-4 accent-brand-700" />
            <label htmlFor={toggleId}>Show revoked keys</label>
          </div>
        </div>
        <KeyList query={keys} showRevoked={showRevoked} onRevoke={setConfirming} />
      </section>

      <RevokeDialog
        target={confirming}
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        onClose={closeRevoke}
        onConfirm={() =>
          confirming &&
          revoke.mutate(confirming, {
            onSuccess: (key) => {
              toast.success(`Revoked ${keyLabel(key)}: the API refuses it from now on`);
              closeRevoke();
            },
          })
        }
      />
    </div>
  );
}

function KeyList({ query, showRevoked, onRevoke }: { query: ReturnType<typeof useApiKeys>; showRevoked: boolean; onRevoke: (key: PortalApiKey) => void }) {
  if (query.isPending)
    return (
      <div role="status" aria-label="Loading the API keys" className="space-y-2">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-12 animate-pulse rounded-lg bg-slate-200/70" />
        ))}
      </div>
    );
  if (query.isError)
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
        <p>The API keys could not be loaded: {errorMessage(query.error)}</p>
        <button type="button" onClick={() => query.refetch()} className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100">
          Try again
        </button>
      </div>
    );
  const all = query.data;
  const shown = showRevoked ? all : all.filter((k) => !k.revokedAt);
  if (!shown.length)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700">
        {all.length ? "Every key of the organisation is revoked. Tick “Show revoked keys” to see them, or create a new one above." : "No API keys yet. Create one above to call the API."}
      </p>
    );
  return (
    <>
      <KeyTable keys={shown} onRevoke={onRevoke} />
      <KeyCards keys={shown} onRevoke={onRevoke} />
    </>
  );
}

const th = "px-4 py-2 font-medium";

function KeyTable({ keys, onRevoke }: { keys: PortalApiKey[]; onRevoke: (key: PortalApiKey) => void }) {
  return (
    <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white md:block">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">API keys, live keys first</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className={th}>Name</th>
            <th scope="col" className={th}>Prefix</th>
            <th scope="col" className={th}>Scopes</th>
            <th scope="col" className={th}>Created</th>
            <th scope="col" className={th}>Last used</th>
            <th scope="col" className={th}>
              <span className="sr-only">Status and actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} aria-label={`${keyLabel(key)}${key.revokedAt ? ", revoked" : ""}`} className={key.revokedAt ? "bg-slate-50 text-slate-600" : "text-slate-800"}>
              <td className="max-w-56 px-4 py-3 font-medium break-words text-slate-900">{key.name}</td>
              <td className="px-4 py-3 font-mono whitespace-nowrap">{key.prefix}</td>
              <td className="px-4 py-3">
                <Scopes scopes={key.scopes} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                <LocalTime iso={key.createdAt} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{key.lastUsedAt ? <LocalTime iso={key.lastUsedAt} /> : "Never"}</td>
              <td className="px-4 py-3 text-right">
                <KeyStatus apiKey={key} onRevoke={onRevoke} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KeyCards({ keys, onRevoke }: { keys: PortalApiKey[]; onRevoke: (key: PortalApiKey) => void }) {
  return (
    <ul aria-label="API keys, live keys first" className="space-y-3 md:hidden">
      {keys.map((key) => (
        <li key={key.id} aria-label={`${keyLabel(key)}${key.revokedAt ? ", revoked" : ""}`} className={`rounded-lg border border-slate-200 p-3 text-sm ${key.revokedAt ? "bg-slate-50" : "bg-white"}`}>
          <div className="flex items-start justify-between gap-2">
            <p className="font-medium break-words text-slate-900">{key.name}</p>
            <span className="font-mono text-slate-700">{key.prefix}</span>
          </div>
          <div className="mt-1">
            <Scopes scopes={key.scopes} />
          </div>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-slate-700">
            <dt>Created</dt>
            <dd>
              <LocalTime iso={key.createdAt} />
            </dd>
            <dt>Last used</dt>
            <dd>{key.lastUsedAt ? <LocalTime iso={key.lastUsedAt} /> : "Never"}</dd>
          </dl>
          <div className="mt-2">
            <KeyStatus apiKey={key} onRevoke={onRevoke} />
          </div>
        </li>
      ))}
    </ul>
  );
}

function Scopes({ scopes }: { scopes: string[] }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      {scopes.map((scope) => (
        <span key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800">
          {scope}
        </span>
      ))}
    </span>
  );
}

function KeyStatus({ apiKey, onRevoke }: { apiKey: PortalApiKey; onRevoke: (key: PortalApiKey) => void }) {
  if (apiKey.revokedAt)
    return (
      <span className="text-sm text-slate-700">
        <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">Revoked</span> <LocalTime iso={apiKey.revokedAt} />
      </span>
    );
  return (
    <button type="button" onClick={() => onRevoke(apiKey)} className="rounded-md border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50">
      Revoke<span className="sr-only"> {keyLabel(apiKey)}</span>
    </button>
  );
}
