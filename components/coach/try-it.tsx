"use client";
/**
 * "Try it": chat with any profile (candidate or active) as if you were one of the organisation's members with
 * ready labs. Replies come from the reply engine on that member's own facts; nothing is stored as their chat.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import type { PortalCoachProfile, PortalCoachReply, PortalDemoMember } from "@/lib/portal/coach-schemas";
import { ChatBubble } from "./chat-bubble";
import { errorMessage, portalFetch } from "../portal/api";

interface Turn {
  id: number;
  role: "member" | "coach";
  markdown: string;
  citations: PortalCoachReply["citations"];
}

const memberLabel = (m: PortalDemoMember) => `${m.name ?? "Unnamed patient"}${m.externalId ? ` (${m.externalId})` : ""} — ${m.readyLabs} ready ${m.readyLabs === 1 ? "lab" : "labs"}`;

export function TryIt({ profiles, activeProfileId }: { profiles: PortalCoachProfile[]; activeProfileId: string | null }) {
  const id = useId();
  const members = useQuery({ queryKey: ["coach", "members"], queryFn: ({ signal }) => portalFetch<{ data: PortalDemoMember[] }>("/api/portal/coach/members", { signal }).then((r) => r.data) });
  const usable = profiles.filter((p) => p.status !== "retired");
  const [profileId, setProfileId] = useState<string>("");
  const [memberId, setMemberId] = useState<string>("");
  // Each profile and member pair is its own conversation; replies land in the one they were asked in.
  const [conversations, setConversations] = useState<Record<string, Turn[]>>({});
  const [message, setMessage] = useState("");
  const nextId = useRef(0);

  // Default to the newest candidate (what an admin is most likely trying), else the active profile.
  const chosenProfile = usable.find((p) => p.id === profileId) ?? usable.find((p) => p.status === "candidate") ?? usable.find((p) => p.id === activeProfileId) ?? null;
  const chosenMember = members.data?.find((m) => m.id === memberId) ?? members.data?.[0] ?? null;

  const key = chosenProfile && chosenMember ? `${chosenProfile.id}:${chosenMember.id}:${chosenProfile.updatedAt}` : null;
  const turns = (key && conversations[key]) || [];
  const append = (conversation: string, turn: Omit<Turn, "id">) =>
    setConversations((all) => ({ ...all, [conversation]: [...(all[conversation] ?? []), { ...turn, id: nextId.current++ }] }));

  const send = useMutation({
    mutationFn: (ask: { key: string; profileId: string; memberId: string; text: string | null }) =>
      portalFetch<{ data: PortalCoachReply }>("/api/portal/coach/try", { method: "POST", body: { profileId: ask.profileId, memberId: ask.memberId, ...(ask.text ? { message: ask.text } : {}) } }).then((r) => r.data),
    onMutate: (ask) => {
      if (ask.text) append(ask.key, { role: "member", markdown: ask.text, citations: [] });
    },
    onSuccess: (reply, ask) => append(ask.key, { role: "coach", markdown: reply.markdown, citations: reply.citations }),
  });

  // A profile and member pair not tried yet opens with that profile's greeting (once, even in strict mode).
  const greeted = useRef(new Set<string>());
  const { mutate } = send;
  const profileForKey = chosenProfile?.id;
  const memberForKey = chosenMember?.id;
  useEffect(() => {
    if (!key || !profileForKey || !memberForKey || greeted.current.has(key)) return;
    greeted.current.add(key);
    mutate({ key, profileId: profileForKey, memberId: memberForKey, text: null });
  }, [key, profileForKey, memberForKey, mutate]);

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
        Try it
      </h2>
      <p className="mt-1 text-sm text-slate-700">Chat with a profile about one of your members&apos; ready labs. Nothing you send here is saved to the member&apos;s chat.</p>
      {usable.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">Create a candidate to try it.</p>
      ) : members.isPending ? (
        <p className="mt-3 text-sm text-slate-700">Loading members…</p>
      ) : members.isError ? (
        <p role="alert" className="mt-3 text-sm text-red-800">
          {errorMessage(members.error)}
        </p>
      ) : !members.data.length ? (
        <p className="mt-3 text-sm text-slate-700">None of your members has a ready lab yet, so there is nothing for the coach to talk about. Upload a lab first.</p>
      ) : (
        <>
          <div className="mt-3 grid gap-3 md:grid-cols-2">
            <div>
              <label htmlFor={`${id}-profile`} className="block text-sm font-medium text-slate-800">
                Profile
              </label>
              <select id={`${id}-profile`} value={chosenProfile?.id ?? ""} onChange={(e) => setProfileId(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
                {usable.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} (v{p.version}, {p.status})
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-member`} className="block text-sm font-medium text-slate-800">
                As member
              </label>
              <select id={`${id}-member`} value={chosenMember?.id ?? ""} onChange={(e) => setMemberId(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
                {members.data.map((m) => (
                  <option key={m.id} value={m.id}>
                    {memberLabel(m)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <ol aria-label="Conversation" aria-live="polite" className="mt-4 max-h-[32rem] space-y-3 overflow-y-auto">
            {turns.map((turn) => (
              <li key={turn.id}>
                <ChatBubble role={turn.role} markdown={turn.markdown} citations={turn.citations} prefix={`${id}-turn-${turn.id}`} />
              </li>
            ))}
            {send.isPending && <li className="text-sm text-slate-600">The coach is writing…</li>}
          </ol>
          {send.isError && (
            <p role="alert" className="mt-2 text-sm text-red-800">
              {errorMessage(send.error)}
            </p>
          )}
          <form
            className="mt-3 flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              const text = message.trim();
              if (!text || send.isPending || !key || !chosenProfile || !chosenMember) return;
              setMessage("");
              send.mutate({ key, profileId: chosenProfile.id, memberId: chosenMember.id, text });
            }}
          >
            <label htmlFor={`${id}-message`} className="sr-only">
              Message to the coach
            </label>
            <input
              id={`${id}-message`}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              maxLength={4000}
              placeholder="Ask about a result, e.g. What does my a1c mean?"
              className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
            />
            <button type="submit" disabled={send.isPending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60">
              Send
            </button>
          </form>
        </>
      )}
    </section>
  );
}
