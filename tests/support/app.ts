/**
 * Calls the app's real route handlers in-process, by URL, the way Next's router would: each route file's
 * exported method handler receives a standard Request and its path parameters. Lets integration tests read
 * like HTTP calls while staying fast; tests/e2e drives the same routes over real HTTP.
 *
 * The route table is read from the file system (every `app/**\/route.ts`, lib/http/route-files.ts), not
 * listed here, so a new route is callable the moment its file exists. Files outside the API (Inngest's
 * serve endpoint, Auth.js) are left out, as lib/http/route-files.ts says why.
 */
import path from "node:path";
import { listRouteFiles, OUTSIDE_THE_API } from "@/lib/http/route-files";
import { bySpecificity, matchPattern, type Method, type RouteEntry } from "@/lib/http/route-paths";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

const ROOT = path.resolve(import.meta.dirname, "../..");
let table: Promise<RouteEntry[]> | undefined;

/** Every API route module, most specific pattern first (static, then dynamic, then catch-all segments). */
export function loadRoutes(): Promise<RouteEntry[]> {
  table ??= Promise.all(
    listRouteFiles(ROOT)
      .filter(({ pattern }) => !(pattern in OUTSIDE_THE_API))
      .map(async ({ file, pattern }) => ({ file, pattern, module: await import(path.join(ROOT, file)) })),
  ).then((routes) => routes.sort((a, b) => bySpecificity(a.pattern, b.pattern)));
  return table;
}

/** The route file Next would pick for `pathname`, with its path parameters. */
export async function resolveRoute(pathname: string) {
  for (const route of await loadRoutes()) {
    const params = matchPattern(route.pattern, pathname);
    if (params) return { route, params };
  }
  return undefined;
}

export async function appFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(new URL(url, "http://localhost:3000"), init);
  const resolved = await resolveRoute(new URL(request.url).pathname);
  if (!resolved) return new Response(null, { status: 404 });
  const handler = resolved.route.module[request.method as Method] as Handler | undefined;
  if (!handler) return new Response(null, { status: 405 });
  return handler(request, { params: Promise.resolve(resolved.params) });
}

export interface CallOptions {
  apiKey?: string;
  token?: string;
  /** A `Cookie` header: a portal session (tests/support/fixtures.ts `createPortalUser`). */
  cookie?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** JSON request helper: `call("POST", "/v1/uploads", { token, body })`. */
export async function call(method: string, url: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers["x-api-key"] = options.apiKey;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await appFetch(url, { method, headers, body });
  const text = await response.text();
  let json: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json, text };
}
