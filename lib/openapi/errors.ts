/**
 * The error answers of an operation, derived from its `route()` options so no route can forget one: what
 * the wrapper itself can answer (credential, scope, validation, body size, idempotency, an internal error)
 * in the shape of the route's surface (../http/surfaces.ts), plus what the route declares its service
 * throws. Member and platform: `{"detail": …}`, validation 422; partner and agent: the error envelope,
 * validation 400.
 */
import { z } from "zod";
import type { ErrorStatus, HeaderDoc, OpenApiDoc, ResponseDoc, RouteMeta } from "../http/route-meta";

const fieldIssue = z
  .object({
    loc: z.array(z.union([z.string(), z.number()])).describe("Where: `body`, `query`, `path` or `header`, then the field path"),
    msg: z.string(),
    type: z.string().describe("Machine-readable kind, e.g. `missing`, `invalid_type`, `too_big`"),
  })
  .meta({ id: "FieldIssue" });

export const memberValidationError = z.object({ detail: z.array(fieldIssue) }).meta({ id: "HTTPValidationError" });
export const memberError = z.object({ detail: z.string() }).meta({ id: "MemberError" });
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string().describe("Stable machine-readable code, e.g. `VALIDATION_ERROR`, `NOT_FOUND`, `RATE_LIMITED`"),
      message: z.string(),
      requestId: z.string().describe("Quote it to support; also in the `X-Request-Id` header"),
      correlationId: z.string().optional().describe("Your `x-correlation-id`, echoed"),
      details: z.object({ issues: z.array(fieldIssue) }).optional().describe("Validation errors: one issue per bad field"),
    }),
  })
  .meta({ id: "ErrorEnvelope" });

type Described = { description: string; headers?: Record<string, HeaderDoc> };

/** What the wrapper can answer before or around the handler, given the route's options. */
function derived(meta: RouteMeta): Partial<Record<ErrorStatus, string>> {
  const authed = meta.auth !== "none";
  const envelope = meta.surface === "partner" || meta.surface === "agent";
  const out: Partial<Record<ErrorStatus, string>> = {};
  // Path and query are always checked (no NUL or lone surrogate anywhere), so every route can answer this.
  out[envelope ? 400 : 422] = envelope
    ? "Validation error (or a missing write header): one entry per bad field in `error.details.issues`"
    : "Validation error: one entry per bad field";
  if (authed) {
    out[401] = meta.auth === "apiKey" ? "Missing, invalid or revoked API key" : "Missing, invalid, expired or revoked credential";
    const scope = `The key lacks the '${meta.scope ?? "read"}' scope`;
    const otherMember = "The token belongs to another member";
    out[403] = meta.auth === "apiKey" ? scope : meta.auth === "member" ? otherMember : `${scope}, or the token is not the owner's`;
  }
  if (meta.params || meta.body) out[404] = "Not found in this organisation";
  if (meta.idempotent || meta.requireWriteHeaders) {
    out[409] = "This Idempotency-Key was used with another request, or its first request is still running (retry after `Retry-After`)";
  }
  if (meta.body) out[413] = `Body over ${meta.maxBodyBytes} bytes`;
  out[500] = "Internal error; the message carries the request id to quote to support";
  return out;
}

/** The error answers of one operation: derived, then what the route declares (which wins on a status). */
export function errorResponses(meta: RouteMeta, doc: OpenApiDoc): Record<string, ResponseDoc> {
  const merged: Partial<Record<ErrorStatus, string | Described>> = { ...derived(meta), ...doc.errors };
  const envelope = meta.surface === "partner" || meta.surface === "agent";
  const responses: Record<string, ResponseDoc> = {};
  for (const [code, value] of Object.entries(merged)) {
    if (!value) continue;
    const status = Number(code);
    const { description, headers } = typeof value === "string" ? { description: value, headers: undefined } : value;
    // `decorate` runs once the caller is authenticated and has the scope: not on a 401 or 403.
    const decorated = status === 401 || status === 403 ? {} : doc.headers;
    responses[code] = {
      description,
      schema: envelope ? errorEnvelope : status === 422 ? memberValidationError : memberError,
      headers: { ...decorated, ...headers },
    };
  }
  return responses;
}
