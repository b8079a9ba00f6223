/**
 * The coach profile store (DESIGN §5.2): candidates are created (from scratch or copied from another
 * profile), changed and deleted; deploying one makes it the organisation's active profile and retires the
 * one before. Active and retired profiles are what members were coached with, so they never change: to
 * change the active coach, copy it into a candidate and deploy that. Every read and write keeps to the
 * caller's organisation; another tenant's profile is "not found".
 */
import { db, Prisma, type CoachProfile, type CoachProfileStatus } from "../db";
import { AppError, notFound } from "../http/errors";
import { afterCursor, newestFirst, toPage } from "../http/pagination";
import { readGuardrails, writeGuardrails } from "./codecs";
import type { CoachPersona, CitationPolicy, CoachTone, ReadingLevel } from "./types";

/** Who acts, as lib/audit names actors (`actorOf`). */
export interface Actor {
  actorType: string;
  actorId: string;
}

export type PersonaFields = Partial<CoachPersona>;

/** A stored profile's persona, as the reply engine takes it. */
export function personaOf(profile: CoachProfile): CoachPersona {
  return {
    name: profile.name,
    persona: profile.persona,
    tone: profile.tone as CoachTone,
    readingLevel: profile.readingLevel as ReadingLevel,
    focusAreas: profile.focusAreas,
    greeting: profile.greeting,
    guardrails: readGuardrails(profile.guardrails, profile.id),
    citationPolicy: profile.citationPolicy as CitationPolicy,
  };
}

const REQUIRED: (keyof CoachPersona)[] = ["name", "persona", "tone", "readingLevel", "greeting", "guardrails"];

/**
 * Locks the organisation's row for the rest of the transaction: creates (the next version number) and
 * deploys (retire one, activate another) of one organisation run one after another, never interleaved.
 */
export async function lockOrganization(tx: Prisma.TransactionClient, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
}

/** Transactions that queue behind the organisation lock wait for it rather than time out. */
export const QUEUED = { maxWait: 15_000, timeout: 30_000 };

/** Creates a candidate with the next version number; `fromProfileId` copies that profile first. */
export async function createProfile(input: { organizationId: string; actor: Actor; fromProfileId?: string; fields: PersonaFields }): Promise<CoachProfile> {
  const source = input.fromProfileId ? personaOf(await getProfile(input.organizationId, input.fromProfileId)) : {};
  const persona = { focusAreas: [], citationPolicy: "inline", ...source, ...definedOnly(input.fields) } as Partial<CoachPersona>;
  const missing = REQUIRED.filter((field) => persona[field] === undefined);
  if (missing.length) {
    throw new AppError("VALIDATION_ERROR", `Missing profile fields: ${missing.join(", ")}`, {
      issues: missing.map((field) => ({ loc: ["body", field], msg: "Field required", type: "missing" })),
    });
  }
  const complete = persona as CoachPersona;
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, input.organizationId);
    const last = await tx.coachProfile.findFirst({ where: { organizationId: input.organizationId }, orderBy: { version: "desc" }, select: { version: true } });
    return tx.coachProfile.create({
      data: {
        organizationId: input.organizationId,
        version: (last?.version ?? 0) + 1,
        status: "candidate",
        ...createColumns(complete),
        createdFromId: input.fromProfileId ?? null,
        createdBy: `${input.actor.actorType}:${input.actor.actorId}`,
      },
    });
  }, QUEUED);
}

export async function getProfile(organizationId: string, id: string): Promise<CoachProfile> {
  const profile = await db.coachProfile.findFirst({ where: { id, organizationId } });
  if (!profile) throw notFound("Coach profile");
  return profile;
}

/** The organisation's active profile, or null before the first deploy. */
export function getActiveProfile(organizationId: string): Promise<CoachProfile | null> {
  return db.coachProfile.findFirst({ where: { organizationId, status: "active" } });
}

/** Newest first, cursor-paginated, optionally only one status. */
export async function listProfiles(organizationId: string, page: { limit: number; cursor?: string; status?: CoachProfileStatus }) {
  const rows = await db.coachProfile.findMany({
    where: { organizationId, ...(page.status ? { status: page.status } : {}), ...afterCursor(page.cursor) },
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  return toPage(rows, page.limit);
}

/** Changes a candidate; an active or retired profile answers 409 (copy it into a candidate instead). */
export async function updateProfile(organizationId: string, id: string, fields: PersonaFields): Promise<CoachProfile> {
  const { count } = await db.coachProfile.updateMany({ where: { id, organizationId, status: "candidate" }, data: updateColumns(definedOnly(fields)) });
  if (!count) throw await notCandidate(organizationId, id, "changed");
  return getProfile(organizationId, id);
}

/** Deletes a candidate; an active or retired profile answers 409 (members were coached with it). */
export async function deleteProfile(organizationId: string, id: string): Promise<void> {
  const { count } = await db.coachProfile.deleteMany({ where: { id, organizationId, status: "candidate" } }).catch((error: unknown) => {
    // A chat session opened with it (a portal "try it" against a candidate) keeps it: the transcript needs it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      throw new AppError("CONFLICT", `Coach profile ${id} has chat sessions and cannot be deleted`);
    }
    throw error;
  });
  if (!count) throw await notCandidate(organizationId, id, "deleted");
}

/** Why a candidate-only write matched nothing: the profile is not there (404) or no longer a candidate (409). */
async function notCandidate(organizationId: string, id: string, verb: "changed" | "deleted"): Promise<AppError> {
  const profile = await getProfile(organizationId, id);
  const advice = verb === "changed" ? "; create a candidate from it (from_profile_id) and deploy that" : "";
  return new AppError("CONFLICT", `Coach profile ${profile.id} is ${profile.status}: only a candidate can be ${verb}${advice}`);
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function createColumns(persona: CoachPersona) {
  return {
    name: persona.name,
    persona: persona.persona,
    tone: persona.tone,
    readingLevel: persona.readingLevel,
    focusAreas: persona.focusAreas,
    greeting: persona.greeting,
    guardrails: writeGuardrails(persona.guardrails),
    citationPolicy: persona.citationPolicy,
  };
}

function updateColumns(persona: Partial<CoachPersona>): Prisma.CoachProfileUpdateManyMutationInput {
  return {
    name: persona.name,
    persona: persona.persona,
    tone: persona.tone,
    readingLevel: persona.readingLevel,
    focusAreas: persona.focusAreas,
    greeting: persona.greeting,
    guardrails: persona.guardrails ? writeGuardrails(persona.guardrails) : undefined,
    citationPolicy: persona.citationPolicy,
  };
}
