/**
 * Request and response schemas of the coach API — profiles and deploys (`/v1/coach-profiles`, admin key) and
 * chat (`/v1/users/{user_id}/chat/…`, member token) — snake_case like seed 000. The same schemas validate
 * input, shape answers (./serializers.ts) and generate the OpenAPI document.
 */
import { z } from "zod";
import { pageQuerySchema } from "../http/pagination";
import { CITATION_POLICIES, COACH_TONES, PROFILE_STATUSES, READING_LEVELS } from "./types";

const text = (max: number) => z.string().trim().min(1).max(max);
const timestamp = z.iso.datetime();

export const profileIdParams = z.object({ profile_id: z.uuid().describe("The coach profile id") });
export const sessionPathParams = z.object({ user_id: z.uuid(), session_id: z.uuid().describe("The chat session id") });

export const guardrailsSchema = z
  .object({
    decline_topics: z.array(text(100)).max(50).describe("Topics the coach declines, matched as words in the member's message"),
    clinician_referral: text(1000).describe("What the coach says when a question belongs with the member's clinician (dosing, diagnosis, prescriptions)"),
    emergency_message: text(1000).describe("What the coach says first when the member describes an emergency or has a critical value on file"),
  })
  .meta({ id: "CoachGuardrails" });

const profileFields = {
  name: text(120).describe("What admins call this profile"),
  persona: text(4000).describe("Who the coach is, in a few sentences"),
  tone: z.enum(COACH_TONES).describe("The voice of every reply"),
  reading_level: z.enum(READING_LEVELS).describe("plain (about grade 6), standard (about grade 8) or detailed (clinical terms explained)"),
  focus_areas: z.array(text(100)).max(20).describe("What the coach is for, e.g. `cholesterol`, `kidney function`"),
  greeting: text(2000).describe("How a session opens"),
  guardrails: guardrailsSchema,
  citation_policy: z.enum(CITATION_POLICIES).describe("`inline`: each sourced sentence carries its numbered markers; `end-of-reply`: one `Sources: [1] [2]` line after the answer. Every sourced statement is cited either way."),
};

const REQUIRED_WITHOUT_SOURCE = ["name", "persona", "tone", "reading_level", "greeting", "guardrails"] as const;

export const createProfileRequest = z
  .object({
    from_profile_id: z.uuid().optional().describe("Copy this profile (typically the active one) into a new candidate; the fields given here replace the copied ones"),
    name: profileFields.name.optional(),
    persona: profileFields.persona.optional(),
    tone: profileFields.tone.optional(),
    reading_level: profileFields.reading_level.optional(),
    focus_areas: profileFields.focus_areas.optional(),
    greeting: profileFields.greeting.optional(),
    guardrails: profileFields.guardrails.optional(),
    citation_policy: profileFields.citation_policy.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.from_profile_id) return;
    for (const field of REQUIRED_WITHOUT_SOURCE) {
      if (body[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: `Required unless from_profile_id is given` });
    }
  })
  .meta({ id: "CoachProfileCreateRequest" });

export const updateProfileRequest = z
  .object({
    name: profileFields.name.optional(),
    persona: profileFields.persona.optional(),
    tone: profileFields.tone.optional(),
    reading_level: profileFields.reading_level.optional(),
    focus_areas: profileFields.focus_areas.optional(),
    greeting: profileFields.greeting.optional(),
    guardrails: profileFields.guardrails.optional(),
    citation_policy: profileFields.citation_policy.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "Give at least one field to change")
  .meta({ id: "CoachProfileUpdateRequest" });

export const profileListQuery = pageQuerySchema.extend({
  status: z.enum(PROFILE_STATUSES).optional().describe("Only profiles in this status"),
});

export const profileSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int().describe("1, 2, 3… per organisation, in creation order"),
    status: z.enum(PROFILE_STATUSES).describe("candidate (editable), active (what new sessions open with; one per organisation) or retired"),
    ...profileFields,
    created_from_profile_id: z.uuid().nullable().describe("The profile this one was copied from"),
    created_by: z.string().describe("Who created it: `api_key:<id>` or `portal_user:<id>`"),
    deployed_at: timestamp.nullable().describe("When it last became active"),
    retired_at: timestamp.nullable().describe("When it was last replaced by another deploy"),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "CoachProfile" });

export const profileResponse = z.object({ data: profileSchema }).meta({ id: "CoachProfileResponse" });

export const profileListResponse = z
  .object({ data: z.array(profileSchema), next_cursor: z.string().nullable(), has_more: z.boolean() })
  .meta({ id: "CoachProfileList" });

export const deployResponse = z
  .object({
    data: z.object({
      active_profile_id: z.uuid().describe("The profile new chat sessions open with from now on"),
      previous_active_profile_id: z.uuid().nullable().describe("The profile it replaced (null for the first deploy): deploy it to roll back"),
      deployed_at: timestamp,
    }),
  })
  .meta({ id: "CoachDeployResponse" });

export const deploySchema = z
  .object({
    id: z.uuid(),
    from_profile_id: z.uuid().nullable().describe("The profile that was active before (null for the first deploy)"),
    to_profile_id: z.uuid().describe("The profile that became active"),
    actor: z.string().describe("Who deployed: `api_key:<id>` or `portal_user:<id>`"),
    deployed_at: timestamp,
  })
  .meta({ id: "CoachDeploy" });

export const deployListResponse = z
  .object({ data: z.array(deploySchema), next_cursor: z.string().nullable(), has_more: z.boolean() })
  .meta({ id: "CoachDeployList" });

export const MAX_MESSAGE_CHARS = 2000;

export const messageRequest = z
  .object({ content: z.string().trim().min(1).max(MAX_MESSAGE_CHARS).describe(`The member's message, 1–${MAX_MESSAGE_CHARS} characters`) })
  .meta({ id: "ChatMessageRequest" });

const citationSchema = z.object({ url: z.string(), title: z.string(), metadata: z.looseObject({ type: z.string() }) });

export const chatMessageSchema = z
  .object({
    message_id: z.uuid(),
    role: z.enum(["member", "coach"]),
    markdown: z.string().describe("The message, Markdown; the coach's cites its sources as [1], [2]…"),
    citations: z.record(z.string(), citationSchema).describe("The numbered sources the Markdown cites, as in the lab narratives (seed 001)"),
    intent: z.string().nullable().describe("What the coach recognised the member's message as (`value`, `trend`, `emergency`, `dosing`…); null on the member's messages"),
    created_at: timestamp,
  })
  .meta({ id: "ChatMessage" });

export const chatMessageResponse = z.object({ data: chatMessageSchema }).meta({ id: "ChatMessageResponse" });

export const chatSessionSchema = z
  .object({
    session_id: z.uuid(),
    profile_id: z.uuid().describe("The coach profile the session opened with; it keeps it after later deploys"),
    profile_version: z.number().int(),
    created_at: timestamp,
    messages: z.array(chatMessageSchema).describe("The transcript, oldest first; it opens with the coach's greeting"),
  })
  .meta({ id: "ChatSession" });

export const chatSessionResponse = z.object({ data: chatSessionSchema }).meta({ id: "ChatSessionResponse" });
