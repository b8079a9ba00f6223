"use client";
/**
 * A modal dialog on the browser's own `<dialog>` (`showModal()`): focus moves into it and stays there, Escape
 * closes it, the page behind is inert. Every confirmation and form dialog of the portal is one of these.
 */
import { useEffect, useRef } from "react";

export function Modal({ open, labelledBy, onClose, children }: { open: boolean; labelledBy: string; onClose: () => void; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={labelledBy} onClose={onClose} className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
      {open && <div className="space-y-4 p-6">{children}</div>}
    </dialog>
  );
}

/** The server's refusal, shown inside the dialog as it was said. */
export function ErrorNote({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
