"use client";
/**
 * The /settings/webhooks page's body: the organisation's endpoints — add one (its secret shown once), send a
 * test event and see the answer, rotate, disable, replay dead letters, delete — and the agent-run signing
 * secret (./agent-secret.tsx).
 */
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { DEFAULT_GRACE_HOURS, type PortalTestResult, type PortalWebhookEndpoint } from "@/lib/portal/settings-webhooks-schemas";
import { errorMessage } from "../../portal/api";
import { LocalTime } from "../../portal/local-time";
import { AgentSecret } from "./agent-secret";
import { ConfirmDialog } from "../../portal/confirm-dialog";
import { EndpointForm } from "./endpoint-form";
import { EndpointList } from "./endpoint-list";
import { GraceSelect } from "./grace-select";
import { SecretPanel, type ShownSecret } from "./secret-panel";
import { endpointLabel, useEndpoints, useWebhookMutations } from "./use-webhooks";

type Confirming = { kind: "delete" | "rotate" | "replay"; endpoint: PortalWebhookEndpoint } | null;

export function WebhooksAdmin({ events }: { events: readonly string[] }) {
  const endpoints = useEndpoints();
  const m = useWebhookMutations();
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [tested, setTested] = useState<{ endpoint: PortalWebhookEndpoint; result: PortalTestResult } | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [graceHours, setGraceHours] = useState<number>(DEFAULT_GRACE_HOURS);

  const closeConfirm = () => {
    m.remove.reset();
    m.rotate.reset();
    m.replayDeadLetters.reset();
    setConfirming(null);
  };

  const create = (input: Parameters<typeof m.create.mutate>[0]) =>
    m.create.mutate(input, {
      onSuccess: (endpoint) => {
        setAdding(false);
        setShown({
          title: `Signing secret for ${endpointLabel(endpoint.url)}`,
          secret: endpoint.secret,
          warning: "Copy it now: Labwise shows it this once and never again. Your receiver verifies each webhook's signature with it; if it is lost, rotate the secret to get a new one.",
          dismissLabel: "I have stored it",
        });
      },
    });

  const test = (endpoint: PortalWebhookEndpoint) => {
    setTested(null);
    m.test.mutate(endpoint, {
      onSuccess: (result) => setTested({ endpoint, result }),
      onError: (error) => toast.error(errorMessage(error)),
    });
  };

  const toggle = (endpoint: PortalWebhookEndpoint) =>
    m.setEnabled.mutate(
      { endpoint, enabled: !endpoint.enabled },
      {
        onSuccess: (e) => toast.success(`${endpointLabel(e.url)} is ${e.enabled ? "enabled" : "disabled"}`),
        onError: (error) => toast.error(errorMessage(error)),
      },
    );

  const confirm = () => {
    if (!confirming) return;
    const { endpoint } = confirming;
    if (confirming.kind === "delete") {
      m.remove.mutate(endpoint, {
        onSuccess: ({ deadLettered }) => {
          toast.success(`Deleted ${endpointLabel(endpoint.url)}${deadLettered ? `; ${deadLettered} undelivered deliveries were dead-lettered` : ""}`);
          if (tested?.endpoint.id === endpoint.id) setTested(null);
          setConfirming(null);
        },
      });
    } else if (confirming.kind === "rotate") {
      m.rotate.mutate(
        { endpoint, graceHours },
        {
          onSuccess: (rotated) => {
            setConfirming(null);
            setShown({
              title: `New signing secret for ${endpointLabel(rotated.url)}`,
              secret: rotated.secret,
              warning: "Copy it now: Labwise shows it this once and never again.",
              note: rotated.previousSecretExpiresAt ? (
                <>
                  The previous secret keeps signing alongside this one until <LocalTime iso={rotated.previousSecretExpiresAt} />: until then every webhook carries
                  two signatures, one with each secret, so your receiver verifies with whichever it holds while you roll the new one out.
                </>
              ) : (
                "The previous secret no longer signs: webhooks are signed with this one only."
              ),
              dismissLabel: "I have stored it",
            });
          },
        },
      );
    } else {
      m.replayDeadLetters.mutate(endpoint, {
        onSuccess: ({ replayed }) => {
          setConfirming(null);
          toast.success(replayed ? `${replayed} dead ${replayed === 1 ? "letter is" : "letters are"} being sent again to ${endpointLabel(endpoint.url)}` : "There were no dead letters to replay");
        },
      });
    }
  };

  const items = endpoints.data?.pages.flatMap((p) => p.data) ?? [];
  const active = confirming?.kind === "delete" ? m.remove : confirming?.kind === "rotate" ? m.rotate : m.replayDeadLetters;

  return (
    <div className="space-y-10">
      <section aria-labelledby="endpoints-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="endpoints-heading" className="text-lg font-semibold text-slate-900">
            Endpoints
          </h2>
          {!adding && (
            <button type="button" onClick={() => setAdding(true)} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900">
              Add endpoint
            </button>
          )}
        </div>
        <p className="text-sm text-slate-700">
          Labwise POSTs each event your organisation subscribes to, signed per Standard Webhooks with the endpoint&apos;s own secret. What was sent and every
          attempt are in the <Link href="/settings/deliveries" className="text-brand-700 underline underline-offset-2">delivery log</Link>.
        </p>
        {shown && <SecretPanel shown={shown} onDismiss={() => setShown(null)} />}
        {adding && (
          <EndpointForm
            events={events}
            pending={m.create.isPending}
            error={m.create.isError ? errorMessage(m.create.error) : null}
            onSubmit={create}
            onCancel={() => {
              m.create.reset();
              setAdding(false);
            }}
          />
        )}
        {tested && <TestResult endpoint={tested.endpoint} result={tested.result} onClose={() => setTested(null)} />}
        {endpoints.isPending ? (
          <p className="text-sm text-slate-700">Loading the endpoints…</p>
        ) : endpoints.isError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            The endpoints could not be loaded: {errorMessage(endpoints.error)}{" "}
            <button type="button" className="underline" onClick={() => void endpoints.refetch()}>
              Try again
            </button>
          </p>
        ) : items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-700">
            No endpoints yet. Add one to receive your organisation&apos;s lab events as signed webhooks.
          </p>
        ) : (
          <>
            <EndpointList
              endpoints={items}
              testingId={m.test.isPending ? (m.test.variables?.id ?? null) : null}
              onTest={test}
              onToggle={toggle}
              onRotate={(endpoint) => {
                setGraceHours(DEFAULT_GRACE_HOURS);
                setConfirming({ kind: "rotate", endpoint });
              }}
              onReplayDeadLetters={(endpoint) => setConfirming({ kind: "replay", endpoint })}
              onDelete={(endpoint) => setConfirming({ kind: "delete", endpoint })}
            />
            {endpoints.hasNextPage && (
              <button
                type="button"
                onClick={() => void endpoints.fetchNextPage()}
                disabled={endpoints.isFetchingNextPage}
                className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
              >
                {endpoints.isFetchingNextPage ? "Loading…" : "Load more endpoints"}
              </button>
            )}
          </>
        )}
      </section>

      <AgentSecret />

      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming
            ? confirming.kind === "delete"
              ? `Delete ${endpointLabel(confirming.endpoint.url)}?`
              : confirming.kind === "rotate"
                ? `Rotate the secret of ${endpointLabel(confirming.endpoint.url)}?`
                : `Replay the dead letters of ${endpointLabel(confirming.endpoint.url)}?`
            : ""
        }
        confirmLabel={confirming?.kind === "delete" ? "Delete endpoint" : confirming?.kind === "rotate" ? "Rotate secret" : "Replay dead letters"}
        pendingLabel={confirming?.kind === "delete" ? "Deleting…" : confirming?.kind === "rotate" ? "Rotating…" : "Replaying…"}
        destructive={confirming?.kind === "delete"}
        pending={active.isPending}
        error={active.isError ? errorMessage(active.error) : null}
        onConfirm={confirm}
        onClose={closeConfirm}
      >
        {confirming?.kind === "delete" && (
          <p>
            Nothing is delivered to it again. Deliveries not yet delivered are dead-lettered and cannot be replayed; its delivery log stays readable. This
            cannot be undone.
          </p>
        )}
        {confirming?.kind === "rotate" && (
          <>
            <p>
              A new secret is made and shown once. The current one keeps signing alongside it for the grace period you choose: until then every webhook
              carries two signatures, so your receiver keeps verifying while you switch it to the new secret.
            </p>
            <GraceSelect value={graceHours} onChange={setGraceHours} />
          </>
        )}
        {confirming?.kind === "replay" && (
          <p>
            Every dead-lettered delivery to this endpoint goes back to the outbox and is sent again with a fresh retry schedule. Each keeps its
            <code className="mx-1 font-mono text-sm">webhook-id</code>, so your receiver can tell a delivery it already processed.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** What the receiver answered to the test event. */
function TestResult({ endpoint, result, onClose }: { endpoint: PortalWebhookEndpoint; result: PortalTestResult; onClose: () => void }) {
  return (
    <section
      aria-labelledby="test-result-heading"
      role="status"
      className={`space-y-2 rounded-lg border p-4 text-sm ${result.succeeded ? "border-green-300 bg-green-50" : "border-red-300 bg-red-50"}`}
    >
      <h3 id="test-result-heading" className="font-semibold break-all text-slate-900">
        Test event to {endpointLabel(endpoint.url)}: {result.succeeded ? "received" : "not received"}
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-900">
        <dt className="font-medium">Status</dt>
        <dd data-testid="test-status">{result.statusCode ?? "no answer"}</dd>
        <dt className="font-medium">Duration</dt>
        <dd>{result.latencyMs} ms</dd>
        {result.error && (
          <>
            <dt className="font-medium">Error</dt>
            <dd className="break-words">{result.error}</dd>
          </>
        )}
      </dl>
      <div>
        <p className="font-medium text-slate-900">Response body</p>
        {result.responseExcerpt ? (
          <pre className="mt-1 max-h-48 overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900">
            {result.responseExcerpt}
          </pre>
        ) : (
          <p className="text-slate-800">The receiver sent no body.</p>
        )}
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href={`/settings/deliveries/${result.deliveryId}`} className="font-medium text-brand-700 underline underline-offset-2">
          Open the delivery
        </Link>
        <button type="button" onClick={onClose} className="font-medium text-slate-800 underline underline-offset-2">
          Dismiss
        </button>
      </div>
    </section>
  );
}
