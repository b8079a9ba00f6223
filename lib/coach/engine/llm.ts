/**
 * The coach's optional language model: any OpenAI-compatible chat completions endpoint (a self-hosted Ollama or
 * vLLM; https://platform.openai.com/docs/api-reference/chat/create), configured by COACH_LLM_URL, COACH_LLM_MODEL
 * and COACH_LLM_API_KEY. The model only re-phrases: it is handed the deterministic reply (the member's facts and
 * the numbered citations) and its answer is checked after generation — every number must appear in what it was
 * handed, every [n] must be one of the citations, and it may add no link or HTML. Anything else (a failed check,
 * an error, a timeout) sends the deterministic reply. No SDK: one `fetch`.
 */
import { config } from "../../config";
import { log } from "../../log";
import type { CitationMap } from "../../clinical/narrative/citations";
import type { CoachPersona, CoachReply } from "../types";

export interface LlmSettings {
  /** Base URL, e.g. http://127.0.0.1:11434/v1; `/chat/completions` is appended. */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

/** The configured model, or null when the coach is deterministic only. */
export function llmSettings(): LlmSettings | null {
  const c = config();
  if (!c.COACH_LLM_URL || !c.COACH_LLM_MODEL) return null;
  return { url: c.COACH_LLM_URL, model: c.COACH_LLM_MODEL, apiKey: c.COACH_LLM_API_KEY, timeoutMs: c.COACH_LLM_TIMEOUT_MS };
}

const READING: Record<CoachPersona["readingLevel"], string> = {
  plain: "Plain language for a reader at about grade 6: short sentences, everyday words, no medical jargon.",
  standard: "Plain language for a reader at about grade 8.",
  detailed: "Plain language, and you may add the clinical terms that appear in the facts, each explained.",
};

/** What the model must keep to; the facts and citations are all it may state. */
export function systemPrompt(persona: CoachPersona, reply: CoachReply): string {
  const citations = Object.entries(reply.citations).map(([n, c]) => `[${n}] ${c.title}`);
  return [
    `You are ${persona.name}, a lab-results coach. ${persona.persona}`,
    `Tone: ${persona.tone}. ${READING[persona.readingLevel]}`,
    "Rewrite the FACTS below as your answer to the member's message, in your tone and at that reading level.",
    "Rules: state only what the FACTS say. Use no number that is not in the FACTS. Keep each citation marker such as [1] after the statement it supports, and use no other citation. Do not diagnose, do not suggest medicines or doses, add no links and no HTML. Answer in Markdown, without a heading.",
    "",
    "FACTS:",
    reply.markdown,
    ...(citations.length ? ["", "CITATIONS:", ...citations] : []),
  ].join("\n");
}

const numbersIn = (text: string) => new Set((text.match(/\d+(?:\.\d+)?/g) ?? []).map((n) => String(Number(n))));

/**
 * Whether the model's answer states only what it was handed: returns the reason it is refused, or null. Numbers
 * are compared as values ("1.80" is "1.8"); citation markers are checked against the citations and then set aside.
 */
export function refusal(answer: string, handed: string, citations: CitationMap): string | null {
  if (!answer.trim()) return "empty answer";
  const markers = [...answer.matchAll(/\[(\d+)\]/g)].map((m) => m[1]);
  const unknown = markers.find((n) => !(n in citations));
  if (unknown) return `cites [${unknown}], which is not one of the citations`;
  if (/<\/?[a-z!]/i.test(answer) || /\]\(|https?:\/\/|www\./i.test(answer)) return "adds a link or HTML";
  const allowed = numbersIn(handed.replace(/\[\d+\]/g, " "));
  const invented = [...numbersIn(answer.replace(/\[\d+\]/g, " "))].find((n) => !allowed.has(n));
  if (invented) return `states ${invented}, which is not in the facts`;
  return null;
}

/** The model's phrasing of `reply`, or null when it failed or did not pass the check. */
export async function phraseWithModel(settings: LlmSettings, input: { persona: CoachPersona; message: string; reply: CoachReply }): Promise<CoachReply | null> {
  const system = systemPrompt(input.persona, input.reply);
  try {
    const response = await fetch(`${settings.url.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify({
        model: settings.model,
        temperature: 0,
        stream: false,
        messages: [
          { role: "system", content: system },
          { role: "user", content: input.message },
        ],
      }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (!response.ok) throw new Error(`the model answered HTTP ${response.status}`);
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
    const answer = body.choices?.[0]?.message?.content;
    if (typeof answer !== "string") throw new Error("the model's answer has no message content");
    // The handed-over facts: the deterministic reply and the citations' titles (a title's year may be quoted).
    const handed = [input.reply.markdown, ...Object.values(input.reply.citations).map((c) => c.title)].join("\n");
    const reason = refusal(answer, handed, input.reply.citations);
    if (reason) {
      log.warn({ intent: input.reply.intent, reason }, "coach: the model's answer was not grounded; the deterministic reply is sent");
      return null;
    }
    return { ...input.reply, markdown: answer.trim() };
  } catch (error) {
    log.warn({ intent: input.reply.intent, err: error instanceof Error ? error.message : String(error) }, "coach: the model did not answer; the deterministic reply is sent");
    return null;
  }
}
