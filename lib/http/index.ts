export { AppError, notFound, type ErrorCode, type FieldIssue } from "./errors";
export { route, json, noContent, type RouteContext } from "./handler";
export { pageQuerySchema, afterCursor, newestFirst, toPage } from "./pagination";
export type { Surface } from "./surfaces";
