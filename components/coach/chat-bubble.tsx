/**
 * One chat message: the member's on the right, the coach's on the left rendered as the lab narratives are
 * (react-markdown with GFM, raw HTML skipped, every `[n]` linked to its numbered source listed below).
 */
import type { PortalCitation } from "@/lib/portal/schemas";
import { ReportText } from "../lab-detail/report-text";

export function ChatBubble({ role, markdown, citations, prefix }: { role: string; markdown: string; citations: PortalCitation[]; prefix: string }) {
  const coach = role === "coach";
  return (
    <div className={`flex ${coach ? "justify-start" : "justify-end"}`}>
      <div data-role={role} className={`max-w-[42rem] rounded-lg px-3 py-2 text-sm ${coach ? "rounded-tl-none bg-brand-50" : "rounded-tr-none bg-slate-100 whitespace-pre-wrap text-slate-900"}`}>
        <p className="sr-only">{coach ? "Coach:" : "Member:"}</p>
        {coach ? <ReportText text={markdown} citations={citations} prefix={prefix} /> : markdown}
      </div>
    </div>
  );
}
