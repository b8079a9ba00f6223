/** Stored profiles, deploys and chat messages in the API's shape (./schemas.ts), snake_case like seed 000. */
import type { z } from "zod";
import type { ChatMessage, CoachDeploy, CoachProfile } from "../db";
import { readCitations } from "./codecs";
import type { CitationPolicy, CoachTone, ReadingLevel } from "./types";
import type { DeployOutcome } from "./deploy";
import { personaOf } from "./profiles";
import type { chatMessageSchema, chatSessionSchema, deploySchema, profileSchema } from "./schemas";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeProfile(profile: CoachProfile): z.infer<typeof profileSchema> {
  const persona = personaOf(profile);
  return {
    id: profile.id,
    version: profile.version,
    status: profile.status,
    name: persona.name,
    persona: persona.persona,
    tone: persona.tone,
    reading_level: persona.readingLevel,
    focus_areas: persona.focusAreas,
    greeting: persona.greeting,
    guardrails: {
      decline_topics: persona.guardrails.declineTopics,
      clinician_referral: persona.guardrails.clinicianReferral,
      emergency_message: persona.guardrails.emergencyMessage,
    },
    citation_policy: persona.citationPolicy,
    created_from_profile_id: profile.createdFromId,
    created_by: profile.createdBy,
    deployed_at: iso(profile.deployedAt),
    retired_at: iso(profile.retiredAt),
    created_at: profile.createdAt.toISOString(),
    updated_at: profile.updatedAt.toISOString(),
  };
}

export function serializeDeployOutcome(outcome: DeployOutcome) {
  return {
    active_profile_id: outcome.activeProfileId,
    previous_active_profile_id: outcome.previousActiveProfileId,
    deployed_at: outcome.deployedAt.toISOString(),
  };
}

export function serializeDeploy(deploy: CoachDeploy): z.infer<typeof deploySchema> {
  return {
    id: deploy.id,
    from_profile_id: deploy.fromProfileId,
    to_profile_id: deploy.toProfileId,
    actor: `${deploy.actorType}:${deploy.actorId}`,
    deployed_at: deploy.createdAt.toISOString(),
  };
}

export function serializeMessage(message: ChatMessage): z.infer<typeof chatMessageSchema> {
  return {
    message_id: message.id,
    role: message.role,
    markdown: message.markdown,
    citations: readCitations(message.citations, message.id),
    intent: message.intent,
    created_at: message.createdAt.toISOString(),
  };
}

export function serializeSession(session: { id: string; createdAt: Date; coachProfile: Pick<CoachProfile, "id" | "version">; messages: ChatMessage[] }): z.infer<typeof chatSessionSchema> {
  return {
    session_id: session.id,
    profile_id: session.coachProfile.id,
    profile_version: session.coachProfile.version,
    created_at: session.createdAt.toISOString(),
    messages: session.messages.map(serializeMessage),
  };
}

/** Partner-style snake_case names for the request fields (the body is validated by ./schemas.ts). */
export function personaFieldsFrom(body: {
  name?: string;
  persona?: string;
  tone?: CoachTone;
  reading_level?: ReadingLevel;
  focus_areas?: string[];
  greeting?: string;
  guardrails?: { decline_topics: string[]; clinician_referral: string; emergency_message: string };
  citation_policy?: CitationPolicy;
}) {
  return {
    name: body.name,
    persona: body.persona,
    tone: body.tone,
    readingLevel: body.reading_level,
    focusAreas: body.focus_areas,
    greeting: body.greeting,
    guardrails: body.guardrails && {
      declineTopics: body.guardrails.decline_topics,
      clinicianReferral: body.guardrails.clinician_referral,
      emergencyMessage: body.guardrails.emergency_message,
    },
    citationPolicy: body.citation_policy,
  };
}
