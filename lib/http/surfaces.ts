/**
 * The error shapes of the HTTP surfaces (DESIGN §5). One AppError, rendered per surface:
 *
 * - `member` (seed 000, FastAPI style): validation → 422 `{"detail": [{loc, msg, type}]}`, else `{"detail": "…"}`.
 * - `partner` (seed 002) and `agent` (seed 003): `{"error": {code, message, requestId, correlationId?, details?}}`,
 *   validation → 400 with the field issues in `details.issues`.
 * - `portal` (the portal's own endpoints, read by its pages): the same envelope as `partner`.
 *
 * An internal error says only that, with the request id to quote to support: whatever was thrown (a driver
 * message, a stack, a service's own words) goes to the log, never to the client.
 */
import { AppError } from "./errors";

export type Surface = "member" | "partner" | "agent" | "portal";

export interface ErrorContext {
  requestId: string;
  correlationId?: string;
}

export function renderError(surface: Surface, error: AppError, context: ErrorContext): Response {
  const headers = new Headers(error.headers);
  headers.set("content-type", "application/json");
  headers.set("x-request-id", context.requestId);
  if (context.correlationId) headers.set("x-correlation-id", context.correlationId);

  const message = error.code === "INTERNAL_ERROR" ? `Internal server error (request id ${context.requestId})` : error.message;

  if (surface === "member") {
    const isValidation = error.code === "VALIDATION_ERROR";
    const status = isValidation ? 422 : error.status;
    const detail = isValidation ? (error.issues ?? [{ loc: ["body"], msg: message, type: "value_error" }]) : message;
    return new Response(JSON.stringify({ detail }), { status, headers });
  }

  const body = {
    error: {
      code: error.code,
      message,
      requestId: context.requestId,
      ...(context.correlationId ? { correlationId: context.correlationId } : {}),
      ...(error.issues ? { details: { issues: error.issues } } : {}),
    },
  };
  return new Response(JSON.stringify(body), { status: error.status, headers });
}
