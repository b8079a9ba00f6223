/**
 * The organisation as its admins see it at /settings/organization: its name (theirs to change), the
 * concurrency limit of its agent runs (an operator's to change, through `npm run labwise -- org:set-limit`)
 * and its usage this month.
 */
import { db } from "../db";
import { AppError } from "../http/errors";
import { getOrganizationOrThrow } from "./index";
import type { PortalOrganization } from "./settings-schemas";
import { organizationUsage } from "./usage";

export async function getOrganizationSettings(organizationId: string, now = new Date()): Promise<PortalOrganization> {
  const [organization, usage] = await Promise.all([getOrganizationOrThrow(organizationId), organizationUsage(organizationId, now)]);
  return { id: organization.id, name: organization.name, concurrentRunLimit: organization.concurrentRunLimit, usage };
}

/** Renames the organisation; the name it had is returned too, for the audit row. */
export async function renameOrganization(organizationId: string, name: string): Promise<{ id: string; name: string; previousName: string }> {
  const before = await getOrganizationOrThrow(organizationId);
  const after = await db.organization.update({ where: { id: organizationId }, data: { name }, select: { id: true, name: true } });
  return { ...after, previousName: before.name };
}

/**
 * The operator's lever on how many Lab Results Agent runs the organisation may have in flight (seed 003's
 * concurrent request limit): not something a tenant's admin can raise for themselves.
 */
export async function setConcurrentRunLimit(organizationId: string, limit: number): Promise<{ previous: number; limit: number }> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AppError("VALIDATION_ERROR", "The limit must be a whole number from 1 to 1000");
  const before = await getOrganizationOrThrow(organizationId);
  await db.organization.update({ where: { id: organizationId }, data: { concurrentRunLimit: limit } });
  return { previous: before.concurrentRunLimit, limit };
}
