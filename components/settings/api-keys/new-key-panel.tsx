"use client";
/**
 * The one time a key's secret is on screen: the key, a copy button, and the warning that it cannot be shown
 * again (Labwise stores only its hash). Focus moves here when it opens, so a screen reader hears it at once;
 * it stays until the admin says they have stored the key.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { PortalCreatedApiKey } from "@/lib/organizations/settings-schemas";
import { keyLabel } from "./use-api-keys";

export function NewKeyPanel({ created, onDone }: { created: PortalCreatedApiKey; onDone: () => void }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      // No clipboard access (an insecure origin, a refused permission): select it for the keyboard's copy.
      field.current?.select();
      setCopied("failed");
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 sm:p-6" data-testid="new-key-panel">
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
        Your new key {keyLabel(created)}
      </h2>
      <p className="text-sm font-medium text-amber-950">
        Copy it now and store it somewhere safe: this is the only time it is shown. Labwise keeps only a fingerprint of it and cannot show it again; if it is
        lost, create another key and revoke this one.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor={`${id}-key`} className="sr-only">
          API key
        </label>
        <input
          id={`${id}-key`}
          ref={field}
          readOnly
          value={created.key}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <button type="button" onClick={copy} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          Copy key
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-800">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "The browser did not allow copying: the key is selected, copy it with Ctrl+C or ⌘C." : ""}
      </p>
      <p className="text-sm text-slate-700">
        Send it as <code className="rounded bg-white px-1 font-mono">X-Api-Key</code> or <code className="rounded bg-white px-1 font-mono">Authorization: Bearer</code>. Scopes:{" "}
        {created.scopes.join(", ")}.
      </p>
      <button type="button" onClick={onDone} className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
        I have stored the key
      </button>
    </section>
  );
}
