/**
 * The PHI access trail (DESIGN §9): who read or changed which PHI-bearing record. Reads are recorded off
 * the response path; a failure to record is logged, never turned into a failed read.
 */
import type { Principal } from "../auth/credentials";
import { db } from "../db";

export function actorOf(principal: Principal): { actorType: string; actorId: string } {
  return principal.kind === "member"
    ? { actorType: "member", actorId: principal.memberId }
    : { actorType: "api_key", actorId: principal.apiKeyId };
}

export function recordPhiRead(principal: Principal, resourceType: string, resourceId: string, requestId?: string): void {
  db.auditEvent
    .create({
      data: { organizationId: principal.organizationId, ...actorOf(principal), action: "read", resourceType, resourceId, requestId },
    })
    .catch((error: Error) => console.error(`[audit] could not record read of ${resourceType} ${resourceId}: ${error.message}`));
}
