/**
 * The one wrapper every route handler goes through. It does, once and in this order: request id,
 * authentication and scope, write headers, path/query/body validation (the body read up to its byte limit,
 * JSON depth capped, no NUL or lone surrogate anywhere: ./request-input.ts), the member-path check,
 * idempotency scoped to the credential, and rendering errors in the surface's own shape. Handlers then only
 * call a service. Every answer of a non-platform surface — success, error, replay — is `private, no-store`;
 * a declared `audit` is recorded after a successful answer (./route-audit.ts); the declaration itself rides
 * on the returned handler (./route-meta.ts), which is how the OpenAPI document and the tests read it.
 */
import { z } from "zod";
import type { ApiKeyScope, PortalRole } from "../db";
import type { ApiKeyPrincipal } from "../auth/api-keys";
import { authenticate, type CredentialKind, type Principal } from "../auth/credentials";
import type { MemberPrincipal } from "../auth/member-tokens";
import type { PortalPrincipal } from "../auth/portal-session";
import { log } from "../log";
import { AppError, issuesFromZod, toAppError } from "./errors";
import { credentialIdOf, withIdempotency, type IdempotencyClaim } from "./idempotency";
import { requestIdFor } from "./request-context";
import { parseJson, readBody, requireStorableText } from "./request-input";
import { auditAnswer } from "./route-audit";
import { withRouteMeta, type AuditDeclaration, type OpenApiDoc, type RouteHandler, type RouteSurface, type Undocumented } from "./route-meta";
import { renderError } from "./surfaces";

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** What every answer of the member, partner and agent surfaces says to caches: PHI is never stored. */
export const API_CACHE_CONTROL = "private, no-store";

/** admin ⊃ write ⊃ read. */
const SCOPE_RANK: Record<ApiKeyScope, number> = { read: 0, write: 1, admin: 2 };

interface RouteOptions<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends CredentialKind | "none"> {
  surface: RouteSurface;
  auth: A;
  /** Scope an API key needs; ignored for member tokens, which are already scoped to one member. */
  scope?: ApiKeyScope;
  /** Role a portal user needs (`portalSession` routes): `admin` for the settings area; any role otherwise. */
  role?: PortalRole;
  params?: P;
  query?: Q;
  body?: B;
  /** Partner writes: non-empty `x-correlation-id` and `Idempotency-Key` are mandatory (seed 002). */
  requireWriteHeaders?: boolean;
  /** Honour `Idempotency-Key` when the client sends one. */
  idempotent?: boolean;
  maxBodyBytes?: number;
  /**
   * Adds headers to every answer once the caller is authenticated and has the scope — the handler's own, a
   * validation error, a 413, a replay — e.g. usage headers a contract wants on every response. A failure
   * here leaves the answer as it is.
   */
  decorate?: (response: Response, principal: PrincipalFor<A>) => Promise<void>;
  /** The operation in the OpenAPI document; the surface's error answers and the security are derived. */
  openapi: OpenApiDoc<z.input<B>> | Undocumented;
  /** PHI this route reads or writes, recorded after each successful answer (needs a credential). */
  audit?: A extends "none" ? never : AuditDeclaration<RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>, A>>;
}

export interface RouteContext<P, Q, B, A> {
  request: Request;
  url: URL;
  params: P;
  query: Q;
  body: B;
  principal: PrincipalFor<A>;
  requestId: string;
  correlationId?: string;
  /** The request's hold on its `Idempotency-Key` (routes declared `idempotent`, when the client sent one). */
  idempotency: IdempotencyClaim | null;
}

type PrincipalFor<A> = A extends "none"
  ? null
  : A extends "member"
    ? MemberPrincipal
    : A extends "apiKey"
      ? ApiKeyPrincipal
      : A extends "portalSession"
        ? PortalPrincipal
        : Principal;

type NextContext = { params: Promise<Record<string, string | string[]>> };

export function route<
  A extends CredentialKind | "none",
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
>(
  options: RouteOptions<P, Q, B, A>,
  handle: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>, A>) => Promise<Response>,
): RouteHandler {
  const handler = async (request: Request, next?: NextContext): Promise<Response> => {
    const requestId = requestIdFor(request);
    const correlationId = request.headers.get("x-correlation-id")?.trim() || undefined;
    let authorised: Principal | null = null;
    const finish = async (response: Response) => {
      if (options.surface !== "platform") response.headers.set("cache-control", API_CACHE_CONTROL);
      if (options.decorate && authorised) await options.decorate(response, authorised as PrincipalFor<A>).catch(() => undefined);
      return response;
    };
    try {
      const principal = options.auth === "none" ? null : await authenticate(request, options.auth);
      if (principal?.kind === "apiKey" && options.scope) requireScope(principal.scopes, options.scope);
      if (principal?.kind === "portalUser" && options.role === "admin" && principal.role !== "admin") {
        throw new AppError("FORBIDDEN", "This needs an administrator of the organisation");
      }
      authorised = principal;
      if (options.requireWriteHeaders) requireWriteHeaders(request);

      const url = new URL(request.url);
      const params = validate(options.params, requireStorableText((await next?.params) ?? {}, "path"), "path");
      const query = validate(options.query, requireStorableText(Object.fromEntries(url.searchParams), "query"), "query");
      const rawBody = options.body ? await readBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : "";
      const body = options.body ? validate(options.body, requireStorableText(parseJson(rawBody), "body"), "body") : undefined;
      if (principal?.kind === "member") requireOwnMemberPath(principal.memberId, params);

      const ctx = { request, url, params, query, body, principal, requestId, correlationId, idempotency: null } as RouteContext<
        z.infer<P>, z.infer<Q>, z.infer<B>, A
      >;
      const idempotencyKey = request.headers.get("idempotency-key")?.trim();
      const run = (claim?: IdempotencyClaim) => handle(claim ? { ...ctx, idempotency: claim } : ctx);
      const response =
        options.idempotent && idempotencyKey && principal
          ? await withIdempotency(
              {
                organizationId: principal.organizationId,
                credentialId: credentialIdOf(principal),
                key: idempotencyKey,
                method: request.method,
                // The query is part of the request: the same key with another `?graceHours=` is another request.
                path: url.pathname + url.search,
                body: rawBody,
              },
              run,
            )
          : await run();
      response.headers.set("x-request-id", requestId);
      if (correlationId) response.headers.set("x-correlation-id", correlationId);
      if (options.audit) auditAnswer(options.audit as AuditDeclaration<typeof ctx>, ctx, response);
      return await finish(response);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "INTERNAL_ERROR") log.error({ component: "http", requestId, method: request.method, url: request.url, err: error }, "request failed");
      else if (appError.code === "SERVICE_UNAVAILABLE") log.warn({ component: "http", requestId, method: request.method, url: request.url, err: error }, "request answered 503");
      return finish(renderError(options.surface === "platform" ? "member" : options.surface, appError, { requestId, correlationId }));
    }
  };
  return withRouteMeta(handler, { ...options, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES });
}

/** JSON response with the given status; the wrapper adds request and correlation ids. */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", ...init.headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

function requireScope(granted: ApiKeyScope[], needed: ApiKeyScope) {
  if (!granted.some((scope) => SCOPE_RANK[scope] >= SCOPE_RANK[needed])) {
    throw new AppError("FORBIDDEN", `This API key lacks the '${needed}' scope`);
  }
}

function requireWriteHeaders(request: Request) {
  const missing = ["x-correlation-id", "idempotency-key"].filter((name) => !request.headers.get(name)?.trim());
  if (missing.length) {
    throw new AppError("VALIDATION_ERROR", `Missing required header${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`, {
      issues: missing.map((name) => ({ loc: ["header", name], msg: "Field required", type: "missing" })),
    });
  }
}

function requireOwnMemberPath(memberId: string, params: unknown) {
  const userId = (params as { user_id?: string }).user_id;
  if (userId !== undefined && userId !== memberId) {
    throw new AppError("FORBIDDEN", "This token belongs to another member");
  }
}

function validate<T extends z.ZodType>(schema: T | undefined, input: unknown, location: string): z.infer<T> {
  if (!schema) return input as z.infer<T>;
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("VALIDATION_ERROR", `Invalid request ${location}`, { issues: issuesFromZod(result.error, location) });
  }
  return result.data;
}
