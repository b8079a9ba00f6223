/**
 * The PHI access trail (DESIGN §9): who read or changed which PHI-bearing record. Reads are recorded off
 * the response path; a failure to record is logged, never turned into a failed read.
 */
import type { Principal } from "../auth/credentials";
import { db } from "../db";
import { log } from "../log";

export function actorOf(principal: Principal): { actorType: string; actorId: string } {
  return principal.kind === "member"
    ? { actorType: "member", actorId: principal.memberId }
    : { actorType: "api_key", actorId: principal.apiKeyId };
}

export interface PhiAccess {
  action: string;
  resourceType: string;
  resourceId: string | null;
  requestId?: string;
}

/**
 * Records one PHI access. Routes declare it (`route({ audit })`, ../http/route-audit.ts) rather than call it;
 * the promise never rejects, so a caller may leave it unawaited.
 */
export function recordPhiAccess(principal: Principal, access: PhiAccess): Promise<void> {
  return db.auditEvent
    .create({ data: { organizationId: principal.organizationId, ...actorOf(principal), ...access } })
    .then(
      () => undefined,
      (error: Error) => log.error({ component: "audit", ...access, organizationId: principal.organizationId, err: error }, "could not record a PHI access"),
    );
}

/**
 * A portal page's PHI access: the signed-in clinician or admin is the actor. Pages render through server
 * components, not `route()`, so each PHI page records its own read.
 */
export function recordPortalPhiAccess(user: { id: string; organizationId: string }, access: PhiAccess): Promise<void> {
  return db.auditEvent
    .create({ data: { organizationId: user.organizationId, actorType: "portal_user", actorId: user.id, ...access } })
    .then(
      () => undefined,
      (error: Error) => log.error({ component: "audit", ...access, organizationId: user.organizationId, err: error }, "could not record a PHI access"),
    );
}

/** A read outside a route (a service's own PHI read); fire and forget. */
export function recordPhiRead(principal: Principal, resourceType: string, resourceId: string, requestId?: string): void {
  void recordPhiAccess(principal, { action: "read", resourceType, resourceId, requestId });
}
