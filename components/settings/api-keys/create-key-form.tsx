"use client";
/**
 * A new key: a name and at least one scope, each scope's checkbox with a sentence saying what it allows.
 * Checked in the browser first (a name, a scope), then by the server, whose message is shown as it is.
 */
import { useEffect, useId, useRef, useState } from "react";
import { API_KEY_SCOPES, type ApiKeyScopeName, type CreateApiKeyBody } from "@/lib/organizations/settings-schemas";

const SCOPE_LABEL: Record<ApiKeyScopeName, string> = { read: "Read", write: "Write", admin: "Admin" };
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none";

export function CreateKeyForm({
  pending,
  error,
  focusOnMount = false,
  onSubmit,
}: {
  pending: boolean;
  error: string | null;
  /** After the once-only panel closes, the keyboard continues here rather than at the top of the page. */
  focusOnMount?: boolean;
  onSubmit: (body: CreateApiKeyBody) => Promise<unknown>;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScopeName[]>(["read"]);
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = (scope: ApiKeyScopeName, on: boolean) => setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem("Give the key a name, such as the system that will use it.");
    if (!scopes.length) return setProblem("Choose at least one scope.");
    setProblem(null);
    // Keep what was typed if the server refuses it; start afresh once the key exists.
    await onSubmit({ name: name.trim(), scopes: (Object.keys(API_KEY_SCOPES) as ApiKeyScopeName[]).filter((s) => scopes.includes(s)) })
      .then(() => {
        setName("");
        setScopes(["read"]);
      })
      .catch(() => undefined);
  };
  const message = problem ?? error;

  return (
    <form aria-labelledby={`${id}-heading`} onSubmit={submit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
        Create a key
      </h2>
      <div className="max-w-md">
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800">
          Name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          aria-describedby={`${id}-name-hint`}
          aria-invalid={problem?.startsWith("Give") || undefined}
          className={input}
        />
        <p id={`${id}-name-hint`} className="mt-1 text-xs text-slate-600">
          Say who or what uses it (&quot;EHR integration&quot;, &quot;nightly export&quot;): it is how you will recognise it later.
        </p>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Scopes</legend>
        <ul className="mt-2 space-y-2">
          {(Object.keys(API_KEY_SCOPES) as ApiKeyScopeName[]).map((scope) => (
            <li key={scope} className="flex items-start gap-2">
              <input
                id={`${id}-${scope}`}
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) => toggle(scope, event.target.checked)}
                aria-describedby={`${id}-${scope}-hint`}
                className="mt-1 size-4 accent-brand-700"
              />
              <span>
                <label htmlFor={`${id}-${scope}`} className="text-sm font-medium text-slate-900">
                  {SCOPE_LABEL[scope]}
                </label>
                <span id={`${id}-${scope}-hint`} className="block text-sm text-slate-700">
                  {API_KEY_SCOPES[scope]}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
      {message && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? "Creating…" : "Create key"}
      </button>
    </form>
  );
}
