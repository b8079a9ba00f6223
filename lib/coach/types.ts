/**
 * The coach's vocabulary, shared by the profile store (`lib/coach/profiles`), the chat service
 * (`lib/coach/chat`) and the reply engine (`lib/coach/engine`): what a profile says about the coach's voice
 * and limits, the member's own lab facts a reply may draw on, and a reply with its numbered citations in the
 * lab narratives' shape (seed 001).
 */
import type { CitationMap } from "../clinical/narrative/citations";

export const COACH_TONES = ["warm", "direct", "clinical", "encouraging"] as const;
export type CoachTone = (typeof COACH_TONES)[number];

/** Plain (about grade 6), standard (about grade 8), detailed (clinical terms explained). */
export const READING_LEVELS = ["plain", "standard", "detailed"] as const;
export type ReadingLevel = (typeof READING_LEVELS)[number];

/**
 * Where a reply's numbered citations go: `inline`, after each sourced sentence (as the lab narratives do), or
 * `end-of-reply`, one "Sources: [1] [2]" line after the answer, for partners whose chat reads better without
 * markers mid-sentence. Either way every statement that has a source is cited and `citations` lists them.
 */
export const CITATION_POLICIES = ["inline", "end-of-reply"] as const;
export type CitationPolicy = (typeof CITATION_POLICIES)[number];

export const PROFILE_STATUSES = ["candidate", "active", "retired"] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];

export interface CoachGuardrails {
  /** Topics the coach declines (matched as words in the member's message), e.g. "supplements", "weight loss drugs". */
  declineTopics: string[];
  /** What the coach says when a question belongs with the member's clinician (dosing, diagnosis, prescriptions). */
  clinicianReferral: string;
  /** What the coach says first when the member describes an emergency or has a critical value on file. */
  emergencyMessage: string;
}

/** What a profile fixes about the coach; the store adds id, status, version and timestamps. */
export interface CoachPersona {
  name: string;
  persona: string;
  tone: CoachTone;
  readingLevel: ReadingLevel;
  focusAreas: string[];
  greeting: string;
  guardrails: CoachGuardrails;
  citationPolicy: CitationPolicy;
}

/** One of the member's results as the coach may speak of it: the latest of each analyte in ready labs. */
export interface MemberResult {
  code: string;
  name: string;
  value: number | null;
  valueText: string | null;
  unit: string | null;
  flag: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  observedAt: string | null;
  labResultId: string;
}

export interface MemberTrend {
  code: string;
  name: string;
  unit: string;
  previous: number;
  previousAt: string | null;
  current: number;
  currentAt: string | null;
  direction: "up" | "down" | "unchanged";
}

/** A finding of a ready lab: its title, severity, the patient statements and the source ids they cite. */
export interface MemberFinding {
  id: string;
  title: string;
  patientTitle?: string;
  severity: string;
  analytes: string[];
  patient: { text: string; sources: string[] }[];
  /** The clinician's statements (terse, with stages and calculations), for the detailed reading level. */
  clinician?: { text: string; sources: string[] }[];
  /** The question the engine suggests the member take to their clinician, when the rule wrote one. */
  ask?: string;
  labResultId: string;
}

/** Everything a reply may state about the member: nothing else is theirs. */
export interface MemberFacts {
  results: MemberResult[];
  trends: MemberTrend[];
  findings: MemberFinding[];
  /** How many ready lab reports the member has (results and findings may come from fewer of them). */
  labReports?: number;
}

export type CoachIntent =
  | "greeting"
  | "emergency"
  | "value"
  | "missing-value"
  | "trend"
  | "overview"
  | "dosing"
  | "diagnosis"
  | "prescription"
  | "declined-topic"
  | "clinician-questions"
  | "unknown";

export interface CoachReply {
  markdown: string;
  citations: CitationMap;
  intent: CoachIntent;
}
