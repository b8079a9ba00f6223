/**
 * The coach's JSON columns, each with one codec used on every read and write (STYLE, "Schemas and stored
 * JSON"), in the layout of the lab result's (lib/labs/codecs/stored-json.ts): every value written carries
 * its version as a top-level `v`; keys of our own sit beside it (`coach_profiles.guardrails`:
 * `{v: 1, declineTopics, clinicianReferral, emergencyMessage}`), a map whose keys are not ours under one
 * named key (`chat_messages.citations`: `{v: 1, citations: {"1": …}}`). A stored value of no known shape
 * is a bug or a hand edit: reading it throws `CoachStoredJsonError`, naming the column and the row, which
 * the API answers as an internal error rather than as the client's mistake.
 */
import { z } from "zod";
import type { CitationMap } from "../clinical/narrative/citations";
import type { CoachGuardrails } from "./types";

export class CoachStoredJsonError extends Error {
  constructor(
    readonly column: "coach_profiles.guardrails" | "chat_messages.citations",
    readonly rowId: string,
    detail: string,
  ) {
    super(`${column} of ${rowId} ${detail}`);
    this.name = "CoachStoredJsonError";
  }
}

const guardrailsV1 = z.object({
  v: z.literal(1),
  declineTopics: z.array(z.string()),
  clinicianReferral: z.string(),
  emergencyMessage: z.string(),
});

const citationMap = z.record(
  z.string(),
  z.object({
    url: z.string(),
    title: z.string(),
    metadata: z.object({ type: z.enum(["pubmed", "guideline"]), pmid: z.string().optional(), doi: z.string().optional() }),
  }),
);

const citationsV1 = z.object({ v: z.literal(1), citations: citationMap });

export function writeGuardrails(guardrails: CoachGuardrails): z.infer<typeof guardrailsV1> {
  return guardrailsV1.parse({ v: 1, ...guardrails });
}

export function readGuardrails(value: unknown, profileId: string): CoachGuardrails {
  const parsed = guardrailsV1.safeParse(value);
  if (!parsed.success) throw new CoachStoredJsonError("coach_profiles.guardrails", profileId, `is not guardrails v1: ${parsed.error.message}`);
  const { v: _version, ...guardrails } = parsed.data; // eslint-disable-line @typescript-eslint/no-unused-vars
  return guardrails;
}

export function writeCitations(citations: CitationMap): z.infer<typeof citationsV1> {
  return citationsV1.parse({ v: 1, citations });
}

export function readCitations(value: unknown, messageId: string): CitationMap {
  const parsed = citationsV1.safeParse(value);
  if (!parsed.success) throw new CoachStoredJsonError("chat_messages.citations", messageId, `is not citations v1: ${parsed.error.message}`);
  return parsed.data.citations;
}
