/**
 * The wrapper's side of PHI auditing by declaration (DESIGN §9, "PHI reads audited by declaration"): after
 * a successful answer of a route that declares `audit`, one row in the access trail, recorded off the
 * response path, in batches (../audit/buffer.ts) — the client never waits for it and a failure to record never
 * fails the request.
 */
import { addPhiAccess } from "../audit";
import type { Principal } from "../auth/credentials";
import type { Prisma } from "../db";
import type { AuditDeclaration } from "./route-meta";

export function auditAnswer<Ctx extends { principal: unknown; requestId: string }>(
  declaration: AuditDeclaration<Ctx>,
  ctx: Ctx,
  response: Response,
): void {
  if (response.status >= 400 || !ctx.principal) return;
  const principal = ctx.principal as Principal;
  // Both are called now, before the answer leaves: a create reads its id (and a detail) from a clone of the body.
  const settle = <T>(read: () => T | Promise<T>) => {
    try {
      return Promise.resolve(read()).catch(() => null);
    } catch {
      return Promise.resolve(null);
    }
  };
  const record = (id: string | null, readable: unknown) =>
    addPhiAccess(principal, {
      action: declaration.action,
      resourceType: declaration.resourceType,
      resourceId: id ?? null,
      requestId: ctx.requestId,
      ...(readable ? { detail: readable as Prisma.InputJsonValue } : {}),
    });
  // The common case — an id read from the path, no detail — is queued at once, without promises.
  let id: string | null | Promise<string | null>;
  try {
    id = declaration.resourceId(ctx, response);
  } catch {
    id = null;
  }
  if (!declaration.detail && !(id instanceof Promise)) return record(id, null);
  const resourceId = Promise.resolve(id).catch(() => null);
  const detail = settle(() => declaration.detail?.(ctx, response) ?? null);
  void Promise.all([resourceId, detail]).then(([id, readable]) => record(id, readable));
}
