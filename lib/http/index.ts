export { AppError, notFound, type ErrorCode, type FieldIssue } from "./errors";
export { route, json, noContent, API_CACHE_CONTROL, type RouteContext } from "./handler";
export { idFromBody, PORTAL_ENDPOINT, routeMetaOf, type RouteMeta, type RouteSurface } from "./route-meta";
export { pageQuerySchema, afterCursor, newestFirst, toPage } from "./pagination";
export type { Surface } from "./surfaces";
export { methodsNotAllowed, notFoundRoute, surfaceOfPath } from "./fallbacks";
