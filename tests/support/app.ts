/**
 * Calls the app's real route handlers in-process, by URL, the way Next's router would: each route file's
 * exported method handler receives a standard Request and its path parameters. Lets integration tests read
 * like HTTP calls while staying fast; tests/e2e drives the same routes over real HTTP.
 */
import * as agentRun from "@/app/v1/agents/lab-results/[runId]/route";
import * as agentRuns from "@/app/v1/agents/lab-results/route";
import * as diagnostics from "@/app/v1/diagnostics/auth/route";
import * as health from "@/app/health/route";
import * as openapiJson from "@/app/openapi.json/route";
import * as openapiYaml from "@/app/openapi.yaml/route";
import * as ready from "@/app/ready/route";
import * as storage from "@/app/storage/[...key]/route";
import * as token from "@/app/v1/auth/token/route";
import * as uploadFile from "@/app/v1/uploads/[upload_id]/file/route";
import * as uploads from "@/app/v1/uploads/route";
import * as job from "@/app/v1/users/[user_id]/jobs/[job_id]/route";
import * as lab from "@/app/v1/users/[user_id]/labs/[lab_result_id]/route";
import * as labs from "@/app/v1/users/[user_id]/labs/route";
import * as registerUpload from "@/app/v1/users/[user_id]/labs/upload/route";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "DELETE" | "PATCH", Handler>>;

const ROUTES: [string, RouteModule][] = [
  ["/v1/agents/lab-results", agentRuns],
  ["/v1/agents/lab-results/[runId]", agentRun],
  ["/health", health],
  ["/ready", ready],
  ["/openapi.json", openapiJson],
  ["/openapi.yaml", openapiYaml],
  ["/storage/[...key]", storage],
  ["/v1/diagnostics/auth", diagnostics],
  ["/v1/auth/token", token],
  ["/v1/uploads", uploads],
  ["/v1/uploads/[upload_id]/file", uploadFile],
  ["/v1/users/[user_id]/labs", labs],
  ["/v1/users/[user_id]/labs/upload", registerUpload],
  ["/v1/users/[user_id]/labs/[lab_result_id]", lab],
  ["/v1/users/[user_id]/jobs/[job_id]", job],
];

function match(pattern: string, pathname: string): Record<string, string | string[]> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i];
    if (segment.startsWith("[...")) {
      if (i >= got.length) return null;
      params[segment.slice(4, -1)] = got.slice(i);
      return params;
    }
    if (got[i] === undefined) return null;
    if (segment.startsWith("[")) params[segment.slice(1, -1)] = got[i];
    else if (segment !== got[i]) return null;
  }
  return got.length === want.length ? params : null;
}

/** Static segments win over dynamic ones, as in Next's router. */
function resolve(pathname: string) {
  const candidates = ROUTES.map(([pattern, module]) => ({ pattern, module, params: match(pattern, pathname) })).filter((c) => c.params);
  candidates.sort((a, b) => (a.pattern.match(/\[/g)?.length ?? 0) - (b.pattern.match(/\[/g)?.length ?? 0));
  return candidates[0];
}

export async function appFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(new URL(url, "http://localhost:3000"), init);
  const route = resolve(new URL(request.url).pathname);
  if (!route) return new Response(null, { status: 404 });
  const handler = route.module[request.method as keyof RouteModule];
  if (!handler) return new Response(null, { status: 405 });
  return handler(request, { params: Promise.resolve(route.params!) });
}

export interface CallOptions {
  apiKey?: string;
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** JSON request helper: `call("POST", "/v1/uploads", { token, body })`. */
export async function call(method: string, url: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers["x-api-key"] = options.apiKey;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
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
