/** Members: a partner's end users, the `user_id` of the member routes. */
import { db } from "../db";
import { AppError, notFound } from "../http/errors";

export async function getMemberOrThrow(organizationId: string, memberId: string) {
  const member = await db.member.findFirst({ where: { id: memberId, organizationId } });
  if (!member) throw notFound("User");
  return member;
}

/**
 * Resolves the member a token is being minted for: by id, or by the partner's own external id, created on
 * first use when `create` is set (how a partner onboards a user without a separate call).
 */
export async function resolveMemberForToken(
  organizationId: string,
  input: { user_id?: string; external_id?: string; create?: boolean; display_name?: string },
) {
  if (input.user_id) return getMemberOrThrow(organizationId, input.user_id);
  if (!input.external_id) throw new AppError("VALIDATION_ERROR", "Give user_id or external_id");
  const existing = await db.member.findUnique({
    where: { organizationId_externalId: { organizationId, externalId: input.external_id } },
  });
  if (existing) return existing;
  if (!input.create) throw notFound("User");
  return db.member.upsert({
    where: { organizationId_externalId: { organizationId, externalId: input.external_id } },
    create: { organizationId, externalId: input.external_id, displayName: input.display_name },
    update: {},
  });
}
