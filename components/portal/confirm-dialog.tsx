"use client";
/** A modal confirmation before a change that cannot be taken back (revoke, delete, rotate, deploy, replay many). */
import { useId } from "react";
import { ErrorNote, Modal } from "./modal";

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel,
  pending,
  error,
  destructive = false,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: React.ReactNode;
  children: React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: string | null;
  destructive?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const headingId = useId();
  return (
    <Modal open={open} labelledBy={headingId} onClose={onClose}>
      <h2 id={headingId} className="text-lg font-semibold break-words text-slate-900">
        {title}
      </h2>
      <div className="space-y-3 text-slate-800">{children}</div>
      <ErrorNote message={error} />
      <div className="flex flex-wrap justify-end gap-3">
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Cancel
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={onConfirm}
          className={`rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${destructive ? "bg-red-700 hover:bg-red-800" : "bg-brand-700 hover:bg-brand-900"}`}
        >
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
