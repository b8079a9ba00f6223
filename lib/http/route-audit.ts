/**
 * The wrapper's side of PHI auditing by declaration (DESIGN §9, "PHI reads audited by declaration"): after
 * a successful answer of a route that declares `audit`, one row in the access trail, recorded off the
 * response path — the client never waits for it and a failure to record never fails the request.
 */
import { recordPhiAccess } from "../audit";
import type { Principal } from "../auth/credentials";
import type { AuditDeclaration } from "./route-meta";

export function auditAnswer<Ctx extends { principal: unknown; requestId: string }>(
  declaration: AuditDeclaration<Ctx>,
  ctx: Ctx,
  response: Response,
): void {
  if (response.status >= 400 || !ctx.principal) return;
  const principal = ctx.principal as Principal;
  const record = (resourceId: string | null) =>
    recordPhiAccess(principal, { action: declaration.action, resourceType: declaration.resourceType, resourceId, requestId: ctx.requestId });
  // Called now, before the answer leaves: a create reads its id from a clone of the body.
  let resourceId: ReturnType<AuditDeclaration<Ctx>["resourceId"]>;
  try {
    resourceId = declaration.resourceId(ctx, response);
  } catch {
    resourceId = null;
  }
  void Promise.resolve(resourceId).then(record, () => record(null));
}
