"use client";
/** The confirmation before a revoke, naming the key by prefix and name and saying what stops working. */
import type { PortalApiKey } from "@/lib/organizations/settings-schemas";
import { ConfirmDialog } from "../../portal/confirm-dialog";
import { keyLabel } from "./use-api-keys";

export function RevokeDialog({
  target,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  target: PortalApiKey | null;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      open={target !== null}
      title={target ? `Revoke ${keyLabel(target)}?` : ""}
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      pending={pending}
      error={error}
      destructive
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <p>
        Every request made with this key will be refused from now on (HTTP 401), and the member tokens it issued stop working too. This cannot be undone:
        whatever uses the key needs a new one.
      </p>
    </ConfirmDialog>
  );
}
