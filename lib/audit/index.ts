/**
 * The PHI access trail (DESIGN §9): who read or changed which PHI-bearing record. Reads are recorded off
 * the response path; a failure to record is logged, never turned into a failed read.
 */
import type { Principal } from "../auth/credentials";
import { db, type Prisma } from "../db";
import { log } from "../log";
import { addAuditRow, queueAuditRow } from "./buffer";

export { flushAuditQueue, installAuditShutdownFlush, pendingAuditRows } from "./buffer";

export function actorOf(principal: Principal): { actorType: string; actorId: string } {
  switch (principal.kind) {
    case "member":
      return { actorType: "member", actorId: principal.memberId };
    case "apiKey":
      return { actorType: "api_key", actorId: principal.apiKeyId };
    case "portalUser":
      return { actorType: "portal_user", actorId: principal.userId };
  }
}

export interface PhiAccess {
  action: string;
  resourceType: string;
  resourceId: string | null;
  requestId?: string;
  /** What makes the row readable on its own (a key's name, a role's old and new value); never PHI or a secret. */
  detail?: Prisma.InputJsonValue;
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
 * The same row, written by the batched writer (./buffer.ts): what read routes record after each answer. The
 * promise resolves once the row is written (or given up, logged) and never rejects.
 */
export function queuePhiAccess(principal: Principal, access: PhiAccess): Promise<void> {
  return queueAuditRow({ organizationId: principal.organizationId, ...actorOf(principal), ...access });
}

/** queuePhiAccess with nothing to wait on: what `route({ audit })` records after each answer. */
export function addPhiAccess(principal: Principal, access: PhiAccess): void {
  addAuditRow({ organizationId: principal.organizationId, ...actorOf(principal), ...access });
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
  addPhiAccess(principal, { action: "read", resourceType, resourceId, requestId });
}

/**
 * An operator's access from the command line (scripts/labwise.ts): the actor is the operating-system user
 * who ran it, as far as the process can tell.
 */
export function recordOperatorAccess(organizationId: string, access: PhiAccess): Promise<void> {
  return db.auditEvent
    .create({ data: { organizationId, actorType: "operator_cli", actorId: process.env.USER ?? process.env.LOGNAME ?? "unknown", ...access } })
    .then(
      () => undefined,
      (error: Error) => log.error({ component: "audit", ...access, organizationId, err: error }, "could not record an operator access"),
    );
}
