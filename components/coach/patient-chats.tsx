/**
 * A patient's chats with the health coach, read-only for their clinician: each session newest first, with the
 * profile it was held with and its messages in order, the coach's rendered with their sources.
 */
import type { PortalChatTranscript } from "@/lib/portal/coach-schemas";
import { LocalTime } from "../portal/local-time";
import { ChatBubble } from "./chat-bubble";

export function PatientChats({ transcripts }: { transcripts: PortalChatTranscript[] }) {
  if (!transcripts.length) return <p className="text-sm text-slate-700">This patient has not chatted with the coach.</p>;
  return (
    <div className="space-y-3">
      {transcripts.map((t, i) => (
        <details key={t.id} open={i === 0} className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-900">
            <LocalTime iso={t.createdAt} /> · {t.profile.name} (v{t.profile.version}) · {t.messages.length} {t.messages.length === 1 ? "message" : "messages"}
          </summary>
          <ol className="mt-3 space-y-3">
            {t.messages.map((m) => (
              <li key={m.id}>
                <ChatBubble role={m.role} markdown={m.markdown} citations={m.citations} prefix={`chat-${m.id}`} />
              </li>
            ))}
          </ol>
        </details>
      ))}
    </div>
  );
}
