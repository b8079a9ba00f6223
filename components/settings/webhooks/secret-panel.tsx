"use client";
/**
 * A signing secret on screen: the `whsec_` value with a copy button and what the admin must know about it
 * (shown once; or, for the agent-run secret, that the reveal was recorded). It takes focus when it appears,
 * so a keyboard or screen-reader user lands on it, and it is gone for good once dismissed.
 */
import { useEffect, useId, useRef } from "react";
import { toast } from "sonner";

export interface ShownSecret {
  /** Names whose secret this is ("Signing secret for example.org/hooks"). */
  title: string;
  secret: string;
  /** The warning or explanation shown above the secret. */
  warning: React.ReactNode;
  /** What else is true now (the grace period of a rotation). */
  note?: React.ReactNode;
  dismissLabel: string;
}

export function SecretPanel({ shown, onDismiss }: { shown: ShownSecret; onDismiss: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const codeRef = useRef<HTMLElement>(null);
  const headingId = useId();
  useEffect(() => ref.current?.focus(), [shown]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown.secret);
      toast.success("Secret copied to the clipboard");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for a manual copy.
      const range = document.createRange();
      if (codeRef.current) range.selectNodeContents(codeRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      toast.info("Copying is not allowed here: the secret is selected, copy it with your keyboard");
    }
  };

  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 outline-none focus-visible:ring-2 focus-visible:ring-brand-700 sm:p-5"
    >
      <h3 id={headingId} className="text-base font-semibold break-words text-slate-900">
        {shown.title}
      </h3>
      <p className="text-sm text-amber-950">{shown.warning}</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code ref={codeRef} data-testid="shown-secret" className="block flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900">
          {shown.secret}
        </code>
        <button type="button" onClick={() => void copy()} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-900">
          Copy secret
        </button>
      </div>
      {shown.note && <p className="text-sm text-slate-800">{shown.note}</p>}
      <button type="button" onClick={onDismiss} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100">
        {shown.dismissLabel}
      </button>
    </section>
  );
}
