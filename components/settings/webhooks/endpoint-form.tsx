"use client";
/** Adding an endpoint: its URL, an optional note, and the events it receives (none ticked means every event). */
import { useId, useState } from "react";
import type { NewEndpoint } from "./use-webhooks";

export function EndpointForm({
  events,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  events: readonly string[];
  pending: boolean;
  error: string | null;
  onSubmit: (input: NewEndpoint) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (event: string) => setChosen((current) => (current.includes(event) ? current.filter((e) => e !== event) : [...current, event]));

  return (
    <form
      aria-labelledby={`${id}-heading`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ url: url.trim(), events: events.filter((ev) => chosen.includes(ev)), ...(description.trim() ? { description: description.trim() } : {}) });
      }}
    >
      <h3 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
        Add an endpoint
      </h3>
      <div className="space-y-1">
        <label htmlFor={`${id}-url`} className="block text-sm font-medium text-slate-900">
          URL
        </label>
        <input
          id={`${id}-url`}
          type="url"
          required
          inputMode="url"
          autoComplete="off"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-describedby={`${id}-url-hint`}
          className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <p id={`${id}-url-hint`} className="text-sm text-slate-700">
          Where Labwise POSTs each event, e.g. https://partner.example.org/hooks/labwise. It must be https and reach a public address.
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-description`} className="block text-sm font-medium text-slate-900">
          Description <span className="font-normal text-slate-700">(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </div>
      <fieldset className="space-y-2" aria-describedby={`${id}-events-hint`}>
        <legend className="text-sm font-medium text-slate-900">Events</legend>
        <p id={`${id}-events-hint`} className="text-sm text-slate-700">
          Tick the events this endpoint receives. Leave all unticked to receive every event, including ones added later.
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          {events.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm text-slate-900">
              <input type="checkbox" checked={chosen.includes(event)} onChange={() => toggle(event)} className="h-4 w-4" />
              <code className="font-mono">{event}</code>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60">
          {pending ? "Adding…" : "Add endpoint"}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Cancel
        </button>
      </div>
    </form>
  );
}
