"use client";
/**
 * A candidate's fields: name, persona, tone, reading level, focus areas, greeting (with a live preview of how
 * the coach will open a chat), the guardrails and the citation policy. Used to create a candidate (from
 * scratch or from the active profile) and to change one.
 */
import { useId, useState } from "react";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { escapeMarkdown } from "@/lib/clinical/narrative/escape";
import { CITATION_POLICIES, COACH_TONES, READING_LEVELS, type CitationPolicy, type CoachTone, type ReadingLevel } from "@/lib/coach/types";
import type { PortalCoachProfile, UpdateCoachProfileBody } from "@/lib/portal/coach-schemas";

export interface ProfileDraft {
  name: string;
  persona: string;
  tone: CoachTone;
  readingLevel: ReadingLevel;
  focusAreas: string;
  greeting: string;
  declineTopics: string;
  clinicianReferral: string;
  emergencyMessage: string;
  citationPolicy: CitationPolicy;
}

export const EMPTY_DRAFT: ProfileDraft = {
  name: "",
  persona: "",
  tone: "warm",
  readingLevel: "plain",
  focusAreas: "",
  greeting: "",
  declineTopics: "",
  clinicianReferral: "",
  emergencyMessage: "",
  citationPolicy: "inline",
};

export function draftOf(profile: PortalCoachProfile): ProfileDraft {
  return {
    name: profile.name,
    persona: profile.persona,
    tone: profile.tone,
    readingLevel: profile.readingLevel,
    focusAreas: profile.focusAreas.join(", "),
    greeting: profile.greeting,
    declineTopics: profile.guardrails.declineTopics.join(", "),
    clinicianReferral: profile.guardrails.clinicianReferral,
    emergencyMessage: profile.guardrails.emergencyMessage,
    citationPolicy: profile.citationPolicy,
  };
}

const listOf = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function bodyOf(draft: ProfileDraft): Required<UpdateCoachProfileBody> {
  return {
    name: draft.name.trim(),
    persona: draft.persona.trim(),
    tone: draft.tone,
    readingLevel: draft.readingLevel,
    focusAreas: listOf(draft.focusAreas),
    greeting: draft.greeting.trim(),
    guardrails: { declineTopics: listOf(draft.declineTopics), clinicianReferral: draft.clinicianReferral.trim(), emergencyMessage: draft.emergencyMessage.trim() },
    citationPolicy: draft.citationPolicy,
  };
}

const TONE_LABEL: Record<CoachTone, string> = { warm: "Warm", direct: "Direct", clinical: "Clinical", encouraging: "Encouraging" };
const LEVEL_LABEL: Record<ReadingLevel, string> = { plain: "Plain (about grade 6)", standard: "Standard (about grade 8)", detailed: "Detailed (clinical terms explained)" };
const POLICY_LABEL: Record<CitationPolicy, string> = { inline: "Inline: markers after each sourced sentence", "end-of-reply": "End of reply: one Sources line after the answer" };

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none";

export function ProfileForm({
  initial,
  heading,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: ProfileDraft;
  heading: string;
  submitLabel: string;
  pending: boolean;
  error: string | null;
  onSubmit: (draft: ProfileDraft) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const id = useId();
  const set = <K extends keyof ProfileDraft>(key: K) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value as ProfileDraft[K] }));
  const field = (key: keyof ProfileDraft, label: string, hint?: string, multiline = false) => (
    <div>
      <label htmlFor={`${id}-${key}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={`${id}-${key}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea id={`${id}-${key}`} rows={3} required={key !== "focusAreas" && key !== "declineTopics"} aria-describedby={hint ? `${id}-${key}-hint` : undefined} className={input} value={draft[key]} onChange={set(key)} />
      ) : (
        <input id={`${id}-${key}`} type="text" required={key !== "focusAreas" && key !== "declineTopics"} aria-describedby={hint ? `${id}-${key}-hint` : undefined} className={input} value={draft[key]} onChange={set(key)} />
      )}
    </div>
  );
  const choice = <T extends string>(key: "tone" | "readingLevel" | "citationPolicy", label: string, values: readonly T[], labels: Record<T, string>) => (
    <div>
      <label htmlFor={`${id}-${key}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={`${id}-${key}`} className={input} value={draft[key]} onChange={set(key)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {labels[v]}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      aria-labelledby={`${id}-heading`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(draft);
      }}
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
        {heading}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        {field("name", "Name", "What admins call this profile")}
        {field("focusAreas", "Focus areas", "Comma-separated, e.g. cholesterol, blood sugar")}
        <div className="md:col-span-2">{field("persona", "Persona", "Who the coach is, in a few sentences", true)}</div>
        {choice("tone", "Tone", COACH_TONES, TONE_LABEL)}
        {choice("readingLevel", "Reading level", READING_LEVELS, LEVEL_LABEL)}
        <div className="md:col-span-2 grid gap-4 md:grid-cols-2">
          {field("greeting", "Greeting", "How a chat opens", true)}
          <div>
            <p className="text-sm font-medium text-slate-800">Preview</p>
            <div data-testid="greeting-preview" aria-live="polite" className="mt-1 rounded-lg rounded-tl-none bg-brand-50 px-3 py-2 text-sm text-slate-900">
              {draft.greeting.trim() ? (
                <Markdown skipHtml remarkPlugins={[remarkGfm]}>
                  {escapeMarkdown(draft.greeting.trim())}
                </Markdown>
              ) : (
                <p className="text-slate-600">Write a greeting to see it here.</p>
              )}
              <p className="mt-2 text-slate-700">I can see 1 of your lab reports, with 12 results.</p>
            </div>
            <p className="mt-1 text-xs text-slate-600">The coach adds what is on file for the member (the counts here are an example).</p>
          </div>
        </div>
      </div>
      <fieldset className="space-y-4 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-900">Guardrails</legend>
        {field("declineTopics", "Declined topics", "Comma-separated; the coach declines a message that names one")}
        {field("clinicianReferral", "Clinician referral", "What the coach says when a question is for the member's clinician (dosing, diagnosis, prescriptions)", true)}
        {field("emergencyMessage", "Emergency message", "What the coach says first in an emergency or when a critical value is on file", true)}
      </fieldset>
      {choice("citationPolicy", "Citation policy", CITATION_POLICIES, POLICY_LABEL)}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60">
          {pending ? "Saving…" : submitLabel}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Cancel
        </button>
      </div>
    </form>
  );
}
