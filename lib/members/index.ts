/** Members: a partner's end users, the `user_id` of the member routes. */
import { db, type Member } from "../db";
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
  return createMemberOnce(organizationId, input.external_id, input.display_name);
}

/**
 * One statement, `INSERT … ON CONFLICT (organization_id, external_id) DO UPDATE … RETURNING`, so concurrent
 * first requests for one external id all get the same row. Prisma's `upsert` with an empty `update` falls
 * back to select-then-insert, which loses the race with a unique violation (a 409 for the slower callers).
 * The no-op update (not `DO NOTHING`) is what makes PostgreSQL return the existing row; the first caller's
 * display name stands.
 */
async function createMemberOnce(organizationId: string, externalId: string, displayName?: string): Promise<Member> {
  const [row] = await db.$queryRaw<Member[]>`
    INSERT INTO members (organization_id, external_id, display_name)
    VALUES (${organizationId}::uuid, ${externalId}, ${displayName ?? null})
    ON CONFLICT (organization_id, external_id) DO UPDATE SET external_id = EXCLUDED.external_id
    RETURNING id, organization_id AS "organizationId", external_id AS "externalId",
              display_name AS "displayName", created_at AS "createdAt"`;
  return row;
}
