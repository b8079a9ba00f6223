/**
 * Reading the organisation's audit trail, as its admins do at /settings/audit: who read or changed what and
 * when, newest first, filtered by actor, action, resource and time, each actor resolved to what a person
 * recognises (a portal user's e-mail, a key's name and prefix). Only the organisation's own rows, ever.
 */
import { db, type Prisma } from "../db";
import { afterCursor, newestFirst, toPage } from "../http/pagination";
import type { AuditFilter, AuditListQuery, PortalAuditEvent, PortalAuditPage } from "../organizations/settings-schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_PREFIX = /^lw_[a-z0-9]{1,8}$/i;

type AuditRow = Awaited<ReturnType<typeof db.auditEvent.findMany>>[number];

/**
 * The rows a filter selects. The actor is matched the way an admin names it: a portal user by (any part of)
 * their e-mail, an API key by its prefix, anyone by the id the trail records (a member id, an operator's name).
 */
export async function auditWhere(organizationId: string, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  const where: Prisma.AuditEventWhereInput = { organizationId };
  if (filter.action) where.action = filter.action;
  if (filter.resourceType) where.resourceType = filter.resourceType;
  if (filter.resourceId) where.resourceId = filter.resourceId;
  if (filter.from || filter.to) where.createdAt = { ...(filter.from && { gte: new Date(filter.from) }), ...(filter.to && { lt: new Date(filter.to) }) };
  if (filter.actor) where.OR = await actorMatches(organizationId, filter.actor, filter.actorType);
  else if (filter.actorType) where.actorType = filter.actorType;
  return where;
}

async function actorMatches(organizationId: string, actor: string, actorType: AuditFilter["actorType"]): Promise<Prisma.AuditEventWhereInput[]> {
  const wants = (type: string) => !actorType || actorType === type;
  const matches: Prisma.AuditEventWhereInput[] = [{ actorId: actor, ...(actorType && { actorType }) }];
  if (wants("portal_user")) {
    const users = await db.user.findMany({ where: { organizationId, email: { contains: actor, mode: "insensitive" } }, select: { id: true } });
    if (users.length) matches.push({ actorType: "portal_user", actorId: { in: users.map((u) => u.id) } });
  }
  if (wants("api_key") && KEY_PREFIX.test(actor)) {
    const keys = await db.apiKey.findMany({ where: { organizationId, prefix: { startsWith: actor.toLowerCase() } }, select: { id: true } });
    if (keys.length) matches.push({ actorType: "api_key", actorId: { in: keys.map((k) => k.id) } });
  }
  return matches;
}

/** One page of the trail, newest first. */
export async function listAuditEvents(organizationId: string, query: AuditListQuery): Promise<PortalAuditPage> {
  const where = await auditWhere(organizationId, query);
  const rows = await db.auditEvent.findMany({
    where: { AND: [where, afterCursor(query.cursor)] },
    orderBy: newestFirst,
    take: query.limit + 1,
  });
  const { items, nextCursor } = toPage(rows, query.limit);
  return { data: await withActorLabels(organizationId, items), nextCursor };
}

/** The resource types the organisation's trail holds, for the filter's choices. */
export async function auditResourceTypes(organizationId: string): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: { organizationId }, distinct: ["resourceType"], select: { resourceType: true } });
  return rows.map((r) => r.resourceType).sort();
}

/** Rows as the portal shows them, each actor named; one query per kind of actor, not per row. */
export async function withActorLabels(organizationId: string, rows: AuditRow[]): Promise<PortalAuditEvent[]> {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.actorType === type && r.actorId && UUID.test(r.actorId)).map((r) => r.actorId!))];
  const userIds = idsOf("portal_user");
  const keyIds = idsOf("api_key");
  const [users, keys] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { organizationId, id: { in: userIds } }, select: { id: true, email: true } }) : [],
    keyIds.length ? db.apiKey.findMany({ where: { organizationId, id: { in: keyIds } }, select: { id: true, name: true, prefix: true } }) : [],
  ]);
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const keyNames = new Map(keys.map((k) => [k.id, `${k.name} (${k.prefix})`]));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: actorLabel(row.actorType, row.actorId, emails, keyNames),
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    requestId: row.requestId,
    detail: row.detail ?? null,
  }));
}

function actorLabel(type: string, id: string | null, emails: Map<string, string>, keyNames: Map<string, string>): string {
  const known = id ? (type === "portal_user" ? emails.get(id) : type === "api_key" ? keyNames.get(id) : undefined) : undefined;
  if (known) return known;
  switch (type) {
    case "portal_user":
      return `removed portal user ${id ?? ""}`.trim();
    case "api_key":
      return `deleted API key ${id ?? ""}`.trim();
    case "member":
      return `member ${id ?? "unknown"}`;
    case "operator_cli":
      return `operator ${id ?? "unknown"}`;
    default:
      return `${type} ${id ?? ""}`.trim();
  }
}
