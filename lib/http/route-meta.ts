/**
 * What a `route()` declaration says about itself, attached to the handler it returns, so the OpenAPI
 * document, the test router, the PHI-audit check and the security matrix are all read off the route files
 * (STYLE, "A route handler"): a route is declared once and none of them can forget it.
 */
import type { z } from "zod";
import type { ApiKeyScope, PortalRole } from "../db";
import type { CredentialKind } from "../auth/credentials";
import type { Surface } from "./surfaces";

/**
 * `platform` is the keyless plumbing of DESIGN §5.1 (health, readiness, the document itself): errors in the
 * member shape, and no forced cache policy. Every other surface answers `Cache-Control: private, no-store`.
 */
export type RouteSurface = Surface | "platform";

/** Tags of the document, in the order /docs shows them. A new area adds its tag here, with a sentence. */
export const TAGS = {
  Platform: "Liveness, readiness and this document. No key.",
  Members: "Member-scoped tokens for the member API.",
  Uploads: "Pre-signed upload URLs and the stored files.",
  Labs: "A member's lab results and the workflow behind each.",
  Diagnostics: "Check a key and the write headers before sending data.",
  "Lab Results Agent": "Analyse lab values; results arrive by signed webhook and can be polled.",
  Submissions: "Submit de-identified lab values as JSON and follow each submission (seed 002).",
  Jobs: "The pipeline jobs behind a submission: status, attempts, timings, SLA.",
  Results: "A submission's outcomes in wellbeing language: stable `wellbeing.*` ids and plain-English labels.",
  "Webhook management": "Register webhook endpoints, rotate signing secrets, send a test event, read and replay deliveries. Admin key.",
  Webhooks: "What Labwise POSTs to you, signed per Standard Webhooks.",
  "Coach profiles": "The AI coach's personas, released like software: create a candidate, deploy it, roll back by deploying the previous one. Admin key.",
  "Coach chat": "A member's chat with the organisation's active coach, grounded in the member's own lab results.",
} as const;

export type Tag = keyof typeof TAGS;

/** A header the answer carries, as the document states it. */
export interface HeaderDoc {
  description: string;
  schema: { type: "integer" | "string" };
}

export interface ResponseDoc {
  description: string;
  /** The body's schema; the same zod schema that shapes or tests the answer. */
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
  headers?: Record<string, HeaderDoc>;
}

/** Statuses a surface's error shape can carry. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

export interface OpenApiDoc<Body = unknown> {
  /** Unique across the document; camelCase verbNoun (`getLabResult`). */
  operationId: string;
  summary: string;
  description?: string;
  tags: [Tag, ...Tag[]];
  /**
   * The answers the handler itself gives (2xx, 3xx, a 503). The error answers of the surface — 401/403 for a
   * credential, validation, 404, 409 for idempotency, 413 for a body, 500 — are derived from the route's
   * options (lib/openapi/errors.ts); `errors` only adds statuses the service throws or rewords one.
   */
  responses: Record<number, ResponseDoc>;
  errors?: Partial<Record<ErrorStatus, string | { description: string; headers?: Record<string, HeaderDoc> }>>;
  /** A valid request body (checked against the body schema by tests/api/route-coverage.test.ts). */
  requestExample?: Body;
  /** A body that is not JSON (a file PUT to a signed URL). */
  rawRequestBody?: { description: string; contentType: string; example: string };
  /** Headers `decorate` adds to every answer once the caller is authenticated. */
  headers?: Record<string, HeaderDoc>;
}

/** A handler that is deliberately not in the document, and why (the /v1 catch-all 404, the portal's own endpoints). */
export interface Undocumented {
  undocumented: string;
}

/** Why `/api/portal/*` is not in the partner document: an internal contract between the portal's pages and the server. */
export const PORTAL_ENDPOINT: Undocumented = {
  undocumented: "A portal endpoint: called by the portal's own pages with the session cookie, not part of the partner API.",
};

/**
 * What a row of the audit log says happened. Reads of PHI and every change an admin can make are recorded:
 * the admin portal's audit page (/settings/audit) lists and filters them by these names.
 */
export const AUDIT_ACTIONS = [
  "read",
  "list",
  "export",
  "create",
  "update",
  "delete",
  "revoke",
  "rotate",
  "reveal",
  "replay",
  "send_test",
  "deploy",
  "rollback",
  "invite",
  "deactivate",
  "reactivate",
  "revoke_sessions",
  "sign_in",
  "sign_in_refused",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * PHI access recorded by the wrapper after a successful answer (status < 400), off the response path
 * (../audit). `resourceId` runs before the answer is returned: read ids from `ctx.params`, or — for a create —
 * from `response.clone()`, never from `response` itself (its body belongs to the client).
 */
export interface AuditDeclaration<Ctx> {
  action: AuditAction;
  resourceType: string;
  resourceId: (ctx: Ctx, response: Response) => string | null | Promise<string | null>;
  /**
   * What makes the row readable on its own (a key's name and scopes, a role's old and new value); never PHI or
   * a secret. What only the service knows (a created key's prefix, the name a revoked key had) is read from
   * `response.clone()`, as `resourceId` does.
   */
  detail?: (ctx: Ctx, response: Response) => AuditDetail | null | Promise<AuditDetail | null>;
}

export type AuditDetail = Record<string, string | number | boolean | string[] | null>;

/** Everything `route()` was told, readable off the handler with `routeMetaOf`. */
export interface RouteMeta {
  surface: RouteSurface;
  auth: CredentialKind | "none";
  scope?: ApiKeyScope;
  role?: PortalRole;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  requireWriteHeaders?: boolean;
  idempotent?: boolean;
  maxBodyBytes: number;
  openapi: OpenApiDoc | Undocumented;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the context type is the route's own
  audit?: AuditDeclaration<any>;
}

const ROUTE_META = Symbol.for("labwise.route-meta");

export type RouteHandler = ((request: Request, next?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  readonly [ROUTE_META]: RouteMeta;
};

export function withRouteMeta(handler: (request: Request, next?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>, meta: RouteMeta): RouteHandler {
  return Object.assign(handler, { [ROUTE_META]: meta });
}

/** The declaration behind a route handler, or undefined when the handler was not made with `route()`. */
export function routeMetaOf(handler: unknown): RouteMeta | undefined {
  return typeof handler === "function" ? (handler as Partial<RouteHandler>)[ROUTE_META] : undefined;
}

export function isDocumented(openapi: OpenApiDoc | Undocumented): openapi is OpenApiDoc {
  return !("undocumented" in openapi);
}

/** For a create: the id in the JSON answer, read from a copy so the client still gets the body. */
export function idFromBody<T>(pick: (body: T) => string | null | undefined) {
  return (_ctx: unknown, response: Response): Promise<string | null> =>
    response
      .clone()
      .json()
      .then((body: T) => pick(body) ?? null);
}
