"use client";
/**
 * The organisation's agent-run signing secret: what signs webhooks to a Lab Results Agent run's own
 * `webhookUrl` (those have no endpoint, so no endpoint secret). Shown by fingerprint; revealed in full on
 * request — each reveal is recorded in the audit log — and rotated with a grace period during which the old
 * secret signs alongside the new one. Partners read the same secret with `GET /v1/webhook-secret`.
 */
import { useState } from "react";
import { DEFAULT_GRACE_HOURS, type PortalSigningSecret } from "@/lib/portal/settings-webhooks-schemas";
import { errorMessage } from "../../portal/api";
import { LocalTime } from "../../portal/local-time";
import { ConfirmDialog } from "../../portal/confirm-dialog";
import { GraceSelect } from "./grace-select";
import { SecretPanel, type ShownSecret } from "./secret-panel";
import { useSigningSecretStatus, useWebhookMutations } from "./use-webhooks";

export function AgentSecret() {
  const status = useSigningSecretStatus();
  const { revealSecret, rotateSecret } = useWebhookMutations();
  const [rotating, setRotating] = useState(false);
  const [graceHours, setGraceHours] = useState<number>(DEFAULT_GRACE_HOURS);
  const [shown, setShown] = useState<ShownSecret | null>(null);

  const graceNote = (set: PortalSigningSecret) =>
    set.previousSecretExpiresAt ? (
      <>
        The previous secret ({set.previousSecretFingerprint}) keeps signing alongside until <LocalTime iso={set.previousSecretExpiresAt} />: agent-run
        webhooks carry a signature with each until then.
      </>
    ) : undefined;

  const reveal = () =>
    revealSecret.mutate(undefined, {
      onSuccess: (set) =>
        setShown({
          title: "Agent-run signing secret (revealed)",
          secret: set.secret,
          warning: "Verify agent-run webhooks with this secret. This reveal is recorded in the audit log; hide the secret once you have copied it.",
          note: graceNote(set),
          dismissLabel: "Hide secret",
        }),
    });

  const rotate = () =>
    rotateSecret.mutate(graceHours, {
      onSuccess: (set) => {
        setRotating(false);
        setShown({
          title: "New agent-run signing secret",
          secret: set.secret,
          warning: "Copy it now and give it to the receivers of your agent runs. You can reveal it again here later; every reveal is recorded.",
          note: graceNote(set) ?? "The previous secret no longer signs: agent-run webhooks are signed with this one only.",
          dismissLabel: "I have stored it",
        });
      },
    });

  return (
    <section aria-labelledby="agent-secret-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="agent-secret-heading" className="text-lg font-semibold text-slate-900">
        Agent-run signing secret
      </h2>
      <p className="text-sm text-slate-700">
        Webhooks sent to a Lab Results Agent run&apos;s own <code className="font-mono">webhookUrl</code> are signed with this organisation-wide secret
        (partners can also read it with <code className="font-mono">GET /v1/webhook-secret</code>).
      </p>
      {status.isPending ? (
        <p className="text-sm text-slate-700">Loading…</p>
      ) : status.isError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The secret&apos;s fingerprint could not be loaded: {errorMessage(status.error)}{" "}
          <button type="button" className="underline" onClick={() => void status.refetch()}>
            Try again
          </button>
        </p>
      ) : (
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-900">Current secret</dt>
          <dd>
            <code data-testid="agent-secret-fingerprint" className="font-mono text-xs break-all text-slate-800">
              {status.data.secretFingerprint}
            </code>
          </dd>
          {status.data.previousSecretFingerprint && (
            <>
              <dt className="font-medium text-slate-900">Previous secret</dt>
              <dd className="text-slate-800">
                <code className="font-mono text-xs break-all">{status.data.previousSecretFingerprint}</code>, still signing until{" "}
                <LocalTime iso={status.data.previousSecretExpiresAt} />
              </dd>
            </>
          )}
        </dl>
      )}
      {shown && <SecretPanel shown={shown} onDismiss={() => setShown(null)} />}
      {revealSecret.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessage(revealSecret.error)}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reveal}
          disabled={revealSecret.isPending}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
        >
          {revealSecret.isPending ? "Revealing…" : "Reveal secret"}
        </button>
        <button
          type="button"
          onClick={() => {
            setGraceHours(DEFAULT_GRACE_HOURS);
            setRotating(true);
          }}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
        >
          Rotate agent-run secret
        </button>
      </div>
      <ConfirmDialog
        open={rotating}
        title="Rotate the agent-run signing secret?"
        confirmLabel="Rotate secret"
        pendingLabel="Rotating…"
        pending={rotateSecret.isPending}
        error={rotateSecret.isError ? errorMessage(rotateSecret.error) : null}
        onConfirm={rotate}
        onClose={() => {
          rotateSecret.reset();
          setRotating(false);
        }}
      >
        <p>
          A new secret signs every agent-run webhook from now on. The current one keeps signing alongside it for the grace period you choose, so receivers
          holding it keep verifying while you switch them to the new secret.
        </p>
        <GraceSelect value={graceHours} onChange={setGraceHours} />
      </ConfirmDialog>
    </section>
  );
}
