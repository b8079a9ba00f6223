/**
 * The contract between the portal's /coach page and its endpoints (`/api/portal/coach/*`): camelCase like the
 * rest of the portal. Pure zod, so client components import the types without reaching the server's modules.
 */
import { z } from "zod";
import type { PortalCitation } from "./schemas";
import { CITATION_POLICIES, COACH_TONES, PROFILE_STATUSES, READING_LEVELS, type CitationPolicy, type CoachTone, type ProfileStatus, type ReadingLevel } from "../coach/types";

const text = (max: number) => z.string().trim().min(1).max(max);

export const coachProfileIdParams = z.object({ profile_id: z.uuid() });

const personaFields = {
  name: text(120),
  persona: text(4000),
  tone: z.enum(COACH_TONES),
  readingLevel: z.enum(READING_LEVELS),
  focusAreas: z.array(text(100)).max(20),
  greeting: text(2000),
  guardrails: z.object({
    declineTopics: z.array(text(100)).max(50),
    clinicianReferral: text(1000),
    emergencyMessage: text(1000),
  }),
  citationPolicy: z.enum(CITATION_POLICIES),
};

/** A new candidate: every field, or `fromProfileId` and the fields that replace the copied ones. */
export const createCoachProfileBody = z
  .object({ fromProfileId: z.uuid().optional(), ...z.object(personaFields).partial().shape })
  .superRefine((body, ctx) => {
    if (body.fromProfileId) return;
    for (const field of ["name", "persona", "tone", "readingLevel", "greeting", "guardrails"] as const) {
      if (body[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "Required unless copying a profile" });
    }
  });
export type CreateCoachProfileBody = z.infer<typeof createCoachProfileBody>;

export const updateCoachProfileBody = z
  .object(personaFields)
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "Give at least one field to change");
export type UpdateCoachProfileBody = z.infer<typeof updateCoachProfileBody>;

/** "Try it": the profile's greeting (no message) or its reply to a message, about a demo member's labs. */
export const tryCoachBody = z.object({
  profileId: z.uuid(),
  memberId: z.uuid(),
  message: z.string().trim().min(1).max(4000).optional(),
});
export type TryCoachBody = z.infer<typeof tryCoachBody>;

export { PROFILE_STATUSES };

export interface PortalCoachProfile {
  id: string;
  version: number;
  status: ProfileStatus;
  name: string;
  persona: string;
  tone: CoachTone;
  readingLevel: ReadingLevel;
  focusAreas: string[];
  greeting: string;
  guardrails: { declineTopics: string[]; clinicianReferral: string; emergencyMessage: string };
  citationPolicy: CitationPolicy;
  createdFromId: string | null;
  createdBy: string;
  deployedAt: string | null;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PortalCoachDeploy {
  id: string;
  fromProfileId: string | null;
  toProfileId: string;
  actor: string;
  deployedAt: string;
}

export interface PortalCoachOverview {
  profiles: PortalCoachProfile[];
  activeProfileId: string | null;
  deploys: PortalCoachDeploy[];
  /** The profile "Roll back" deploys: the one the latest deploy replaced, or null when there is none. */
  rollbackProfileId: string | null;
}

export interface PortalDeployOutcome {
  activeProfileId: string;
  previousActiveProfileId: string | null;
  deployedAt: string;
}

export interface PortalDemoMember {
  id: string;
  name: string | null;
  externalId: string | null;
  readyLabs: number;
}

export interface PortalCoachReply {
  markdown: string;
  intent: string;
  citations: PortalCitation[];
}

export interface PortalChatTranscript {
  id: string;
  createdAt: string;
  profile: { id: string; name: string; version: number };
  messages: { id: string; role: string; markdown: string; createdAt: string; citations: PortalCitation[] }[];
}
