/**
 * The answers no route gives — a path nothing serves, a method a route does not have — in the shape of the
 * surface the path falls under (DESIGN §5: "every bad input answered in the surface's own shape"), always
 * with `x-request-id` (the wrapper adds it). Without these Next answers a bare 404 page or an empty 405.
 */
import { AppError } from "./errors";
import { route } from "./handler";
import type { RouteHandler } from "./route-meta";
import type { Method } from "./route-paths";
import { renderError, type Surface } from "./surfaces";

/** /v1 paths of the partner surfaces (seeds 002 and 003), which speak the `{"error": …}` envelope. */
const PARTNER_PREFIXES = ["/v1/submissions", "/v1/jobs", "/v1/webhook-", "/v1/diagnostics", "/v1/agents", "/v1/coach-profiles"];

/** The surface whose error shape a /v1 path answers in: the partner envelope for the partner areas, else the member one. */
export function surfaceOfPath(pathname: string): Extract<Surface, "partner" | "member"> {
  const lower = pathname.toLowerCase();
  return PARTNER_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(prefix.endsWith("-") ? prefix : `${prefix}/`)) ? "partner" : "member";
}

/** The /v1 catch-all: 404 in the shape of the surface the path falls under. */
export function notFoundRoute(): RouteHandler {
  return route(
    { surface: "member", auth: "none", openapi: { undocumented: "The catch-all answering 404 for any /v1 path no route serves: not an operation." } },
    async ({ url, requestId, correlationId }) => renderError(surfaceOfPath(url.pathname), new AppError("NOT_FOUND", "Not Found"), { requestId, correlationId }),
  );
}

/**
 * Handlers answering 405 (with `Allow`) in the route's surface shape for the methods a route file does not
 * serve: `export const { PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET", "POST"]);`.
 */
export function methodsNotAllowed(surface: Surface, allowed: readonly Method[]): Record<Method, RouteHandler> {
  const allow = allowed.join(", ");
  const handler = route(
    { surface, auth: "none", openapi: { undocumented: `Answers 405 for a method this route does not serve (it serves ${allow}).` } },
    async () => {
      throw new AppError("METHOD_NOT_ALLOWED", `Method not allowed; this resource accepts ${allow}`, { headers: { Allow: allow } });
    },
  );
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}
