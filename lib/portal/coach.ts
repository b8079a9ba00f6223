/**
 * The portal's coach page (/coach, admins only): the organisation's profiles, candidates created and changed,
 * deploys and the one-click roll back, the deploy history — all through the coach API's services
 * (lib/coach) — and "Try it": a profile's greeting and replies about a demo member's ready labs, computed by
 * the reply engine directly and never stored as the member's chat. Clinicians read a patient's transcripts.
 */
import { db, type ChatMessage, type CoachDeploy, type CoachProfile } from "../db";
import { AppError, notFound } from "../http/errors";
import type { CitationMap } from "../clinical/narrative/citations";
import { readCitations } from "../coach/codecs";
import { deployProfile, listDeploys } from "../coach/deploy";
import { coachGreeting, coachReply } from "../coach/engine";
import { memberFacts } from "../coach/member-facts";
import { createProfile, getProfile, listProfiles, personaOf, updateProfile, type Actor } from "../coach/profiles";
import type { CoachPersona } from "../coach/types";
import type { PortalCitation } from "./schemas";
import type {
  CreateCoachProfileBody,
  PortalChatTranscript,
  PortalCoachDeploy,
  PortalCoachOverview,
  PortalCoachProfile,
  PortalCoachReply,
  PortalDemoMember,
  PortalDeployOutcome,
  TryCoachBody,
  UpdateCoachProfileBody,
} from "./coach-schemas";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeCoachProfile(profile: CoachProfile): PortalCoachProfile {
  const persona = personaOf(profile);
  return {
    id: profile.id,
    version: profile.version,
    status: profile.status,
    ...persona,
    guardrails: { ...persona.guardrails },
    createdFromId: profile.createdFromId,
    createdBy: profile.createdBy,
    deployedAt: iso(profile.deployedAt),
    retiredAt: iso(profile.retiredAt),
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

function serializeDeploy(deploy: CoachDeploy): PortalCoachDeploy {
  return { id: deploy.id, fromProfileId: deploy.fromProfileId, toProfileId: deploy.toProfileId, actor: `${deploy.actorType}:${deploy.actorId}`, deployedAt: deploy.createdAt.toISOString() };
}

/** Every profile (newest first), the active one, the deploy history and what "Roll back" would deploy. */
export async function coachOverview(organizationId: string): Promise<PortalCoachOverview> {
  const [profiles, deploys] = await Promise.all([allPages((cursor) => listProfiles(organizationId, { limit: 100, cursor })), listDeploys(organizationId, { limit: 50 })]);
  const active = profiles.find((p) => p.status === "active") ?? null;
  return {
    profiles: profiles.map(serializeCoachProfile),
    activeProfileId: active?.id ?? null,
    deploys: deploys.items.map(serializeDeploy),
    rollbackProfileId: rollbackTarget(deploys.items, active?.id ?? null),
  };
}

async function allPages<T>(page: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    all.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** The profile the latest deploy (the one that made the active profile active) replaced. */
function rollbackTarget(deploys: CoachDeploy[], activeId: string | null): string | null {
  const latest = deploys[0];
  if (!latest || latest.toProfileId !== activeId) return null;
  return latest.fromProfileId;
}

export async function createCoachProfile(organizationId: string, actor: Actor, body: CreateCoachProfileBody): Promise<PortalCoachProfile> {
  const { fromProfileId, ...fields } = body;
  return serializeCoachProfile(await createProfile({ organizationId, actor, fromProfileId, fields }));
}

export async function getCoachProfile(organizationId: string, id: string): Promise<PortalCoachProfile> {
  return serializeCoachProfile(await getProfile(organizationId, id));
}

export async function updateCoachProfile(organizationId: string, id: string, body: UpdateCoachProfileBody): Promise<PortalCoachProfile> {
  return serializeCoachProfile(await updateProfile(organizationId, id, body));
}

export async function deployCoachProfile(organizationId: string, id: string, actor: Actor): Promise<PortalDeployOutcome> {
  const outcome = await deployProfile(organizationId, id, actor);
  return { activeProfileId: outcome.activeProfileId, previousActiveProfileId: outcome.previousActiveProfileId, deployedAt: outcome.deployedAt.toISOString() };
}

/** Deploys the profile the latest deploy replaced; 409 when there is nothing to roll back to. */
export async function rollBackCoach(organizationId: string, actor: Actor): Promise<PortalDeployOutcome> {
  const { rollbackProfileId } = await coachOverview(organizationId);
  if (!rollbackProfileId) throw new AppError("CONFLICT", "There is no previous coach profile to roll back to");
  return deployCoachProfile(organizationId, rollbackProfileId, actor);
}

/** Members of the organisation with at least one ready lab, most recently created first (at most 50). */
export async function demoMembers(organizationId: string): Promise<PortalDemoMember[]> {
  const rows = await db.member.findMany({
    where: { organizationId, labResults: { some: { status: "ready" } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: { id: true, displayName: true, externalId: true, _count: { select: { labResults: { where: { status: "ready" } } } } },
  });
  return rows.map((m) => ({ id: m.id, name: m.displayName, externalId: m.externalId, readyLabs: m._count.labResults }));
}

/**
 * "Try it": the profile's greeting (no message) or its reply to the message, from the member's own ready
 * labs, by the reply engine. Nothing is stored: the member's chat sessions are theirs alone.
 */
export async function tryCoach(organizationId: string, body: TryCoachBody): Promise<PortalCoachReply> {
  const profile: CoachPersona = personaOf(await getProfile(organizationId, body.profileId));
  const member = await db.member.findFirst({ where: { id: body.memberId, organizationId }, select: { id: true } });
  if (!member) throw notFound("Member");
  const facts = await memberFacts(organizationId, member.id);
  const reply = body.message ? await coachReply({ profile, facts, message: body.message }) : coachGreeting(profile, facts);
  return { markdown: reply.markdown, intent: reply.intent, citations: numbered(reply.citations) };
}

/** A patient's chat sessions with the coach, newest first, each with its messages oldest first. */
export async function patientTranscripts(organizationId: string, patientId: string): Promise<PortalChatTranscript[]> {
  const member = await db.member.findFirst({ where: { id: patientId, organizationId }, select: { id: true } });
  if (!member) throw notFound("Patient");
  const sessions = await db.chatSession.findMany({
    where: { organizationId, memberId: member.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    include: { coachProfile: { select: { id: true, name: true, version: true } }, messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  return sessions.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    profile: s.coachProfile,
    messages: s.messages.map((m: ChatMessage) => ({ id: m.id, role: m.role, markdown: m.markdown, createdAt: m.createdAt.toISOString(), citations: numbered(readCitations(m.citations, m.id)) })),
  }));
}

function numbered(map: CitationMap): PortalCitation[] {
  return Object.entries(map)
    .map(([key, c]) => ({ number: Number(key), title: c.title, url: c.url, type: c.metadata.type, pmid: c.metadata.pmid ?? null, doi: c.metadata.doi ?? null }))
    .filter((c) => Number.isInteger(c.number))
    .sort((a, b) => a.number - b.number);
}
