/**
 * Deploying a coach profile (seed 000, "Deploy a coach profile"): the profile becomes the organisation's
 * active one, the one before is retired, and the answer names it so a partner can roll back by deploying
 * it. A retired profile may be deployed again — that is the roll back. Deploying the active profile changes
 * nothing and answers as its own deploy did.
 *
 * Two deploys never interleave: each locks the organisation's row first, and the partial unique index
 * `coach_profiles_one_active_per_organization` makes a second active profile impossible whatever the code
 * does. Every deploy leaves a CoachDeploy row (who, when, from, to); the route audits it too.
 */
import { db, type CoachDeploy, type Prisma } from "../db";
import { notFound } from "../http/errors";
import { afterCursor, newestFirst, toPage } from "../http/pagination";
import { lockOrganization, QUEUED, type Actor } from "./profiles";

export interface DeployOutcome {
  activeProfileId: string;
  previousActiveProfileId: string | null;
  deployedAt: Date;
  /** False when the profile was already active (nothing changed). */
  changed: boolean;
}

export async function deployProfile(organizationId: string, profileId: string, actor: Actor): Promise<DeployOutcome> {
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const target = await tx.coachProfile.findFirst({ where: { id: profileId, organizationId } });
    if (!target) throw notFound("Coach profile");
    if (target.status === "active") return unchanged(tx, organizationId, profileId, target.deployedAt ?? target.updatedAt);

    const now = new Date();
    const current = await tx.coachProfile.findFirst({ where: { organizationId, status: "active" }, select: { id: true } });
    if (current) await tx.coachProfile.update({ where: { id: current.id }, data: { status: "retired", retiredAt: now } });
    await tx.coachProfile.update({ where: { id: profileId }, data: { status: "active", deployedAt: now, retiredAt: null } });
    await tx.coachDeploy.create({
      data: { organizationId, fromProfileId: current?.id ?? null, toProfileId: profileId, actorType: actor.actorType, actorId: actor.actorId, createdAt: now },
    });
    return { activeProfileId: profileId, previousActiveProfileId: current?.id ?? null, deployedAt: now, changed: true };
  }, QUEUED);
}

/** The answer for deploying the active profile: what its own deploy answered. */
async function unchanged(tx: Prisma.TransactionClient, organizationId: string, profileId: string, deployedAt: Date): Promise<DeployOutcome> {
  const last = await tx.coachDeploy.findFirst({ where: { organizationId, toProfileId: profileId }, orderBy: newestFirst });
  return { activeProfileId: profileId, previousActiveProfileId: last?.fromProfileId ?? null, deployedAt: last?.createdAt ?? deployedAt, changed: false };
}

/** The organisation's deploys, newest first, cursor-paginated. */
export async function listDeploys(organizationId: string, page: { limit: number; cursor?: string }): Promise<{ items: CoachDeploy[]; nextCursor: string | null }> {
  const rows = await db.coachDeploy.findMany({ where: { organizationId, ...afterCursor(page.cursor) }, orderBy: newestFirst, take: page.limit + 1 });
  return toPage(rows, page.limit);
}
