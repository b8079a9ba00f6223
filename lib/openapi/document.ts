/**
 * The OpenAPI 3.1 document of every HTTP surface (DESIGN §5), built from the route declarations themselves:
 * each `route()` handler carries its options and its `openapi` metadata (../http/route-meta.ts), and the
 * caller hands in the route modules (app/routes.generated.ts, generated from app/**\/route.ts). Paths,
 * parameters, bodies, security and the surface's error answers all come from what the route validates
 * with, so the document cannot describe a route that is not there or miss one that is. Served at
 * /openapi.json and /openapi.yaml and rendered at /docs; `npm run openapi:lint` lints it with Redocly.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { METHODS, openApiPath, type RouteEntry } from "../http/route-paths";
import { isDocumented, routeMetaOf, TAGS, type OpenApiDoc, type ResponseDoc, type RouteMeta } from "../http/route-meta";
import { errorResponses } from "./errors";
import { registerWebhooks } from "./webhooks";

const SECURITY = {
  ApiKey: { type: "apiKey", in: "header", name: "X-Api-Key", description: "An organisation API key." },
  ApiKeyBearer: { type: "http", scheme: "bearer", description: "The same API key as `Authorization: Bearer <key>`." },
  MemberJwt: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A member-scoped token from `POST /v1/auth/token`." },
} as const;

const SECURITY_BY_AUTH: Record<RouteMeta["auth"], Record<string, string[]>[]> = {
  none: [],
  apiKey: [{ ApiKey: [] }, { ApiKeyBearer: [] }],
  member: [{ MemberJwt: [] }],
  memberOrApiKey: [{ MemberJwt: [] }, { ApiKey: [] }, { ApiKeyBearer: [] }],
  // The portal's session endpoints are never in the document (PORTAL_ENDPOINT); listed so the table is total.
  portalSession: [],
};

const RESPONSE_HEADERS = {
  RequestId: { description: "The request id: yours from `X-Request-Id` when it is a sane token, else a new one", schema: { type: "string" } },
  CacheControl: { description: "`private, no-store` on every answer of the API: nothing in it may be cached", schema: { type: "string" } },
} as const;

const writeHeaders = z.object({
  "x-correlation-id": z.string().min(1).describe("Required on every POST of this surface; echoed on the answer"),
  "idempotency-key": z.string().min(1).describe("Required. The same key and body replay the first answer; another body is a 409"),
});
const optionalIdempotency = z.object({
  "idempotency-key": z.string().min(1).optional().describe("Optional: a retry with the same key and body replays the first answer"),
});

function responseConfig(doc: ResponseDoc, meta: RouteMeta): ResponseConfig {
  const headers: NonNullable<ResponseConfig["headers"]> = {
    "X-Request-Id": { $ref: "#/components/headers/RequestId" },
    ...(meta.surface === "platform" ? {} : { "Cache-Control": { $ref: "#/components/headers/CacheControl" } }),
    ...doc.headers,
  };
  const contentType = doc.contentType ?? (doc.schema ? "application/json" : undefined);
  return {
    description: doc.description,
    headers,
    ...(contentType ? { content: { [contentType]: doc.schema ? { schema: doc.schema } : {} } } : {}),
  };
}

/** Path parameters as the document states them: a catch-all (`[...key]`) is one string holding its slashes. */
function pathParams(pattern: string, params: z.ZodType | undefined) {
  const catchAll = [...pattern.matchAll(/\[\.\.\.([^\]]+)\]/g)].map((m) => m[1]);
  if (!(params instanceof z.ZodObject)) return undefined;
  if (!catchAll.length) return params;
  return params.extend(Object.fromEntries(catchAll.map((name) => [name, z.string().describe("The object key; may contain `/`")])));
}

function requestOf(pattern: string, meta: RouteMeta, doc: OpenApiDoc): RouteConfig["request"] {
  const body = meta.body
    ? { required: true, content: { "application/json": { schema: meta.body, example: doc.requestExample } } }
    : doc.rawRequestBody
      ? {
          required: true,
          description: doc.rawRequestBody.description,
          content: { [doc.rawRequestBody.contentType]: { schema: { type: "string" as const }, example: doc.rawRequestBody.example } },
        }
      : undefined;
  const headers = meta.requireWriteHeaders ? writeHeaders : meta.idempotent ? optionalIdempotency : undefined;
  return {
    params: pathParams(pattern, meta.params),
    query: meta.query instanceof z.ZodObject ? meta.query : undefined,
    headers,
    body,
  };
}

function operationOf(entry: RouteEntry, method: string, meta: RouteMeta, doc: OpenApiDoc): RouteConfig {
  const responses: Record<string, ResponseConfig> = {};
  const documented: Record<string, ResponseDoc> = { ...doc.responses, ...errorResponses(meta, doc) };
  for (const [status, response] of Object.entries(documented)) {
    responses[status] = responseConfig(response, meta);
  }
  return {
    method: method.toLowerCase() as RouteConfig["method"],
    path: openApiPath(entry.pattern),
    operationId: doc.operationId,
    tags: doc.tags,
    summary: doc.summary,
    description: doc.description,
    security: SECURITY_BY_AUTH[meta.auth],
    request: requestOf(entry.pattern, meta, doc),
    responses,
  };
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

export function buildOpenApiDocument(routes: RouteEntry[]): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(SECURITY)) registry.registerComponent("securitySchemes", name, scheme);
  for (const [name, header] of Object.entries(RESPONSE_HEADERS)) registry.registerComponent("headers", name, header);
  for (const entry of routes) {
    for (const method of METHODS) {
      const meta = routeMetaOf(entry.module[method]);
      if (meta && isDocumented(meta.openapi)) registry.registerPath(operationOf(entry, method, meta, meta.openapi));
    }
  }
  registerWebhooks(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Labwise API",
      version: "0.1.0",
      description:
        "Upload lab reports or submit values, poll results, receive signed webhooks. Member routes speak FastAPI-style errors (`{\"detail\": …}`, validation 422); partner and agent routes the `{\"error\": {code, message, requestId}}` envelope (validation 400). Every answer under `/v1` is `Cache-Control: private, no-store` and carries `X-Request-Id`.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: process.env.PUBLIC_BASE_URL ?? "/", description: "This deployment" }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
  });
}

const built = new WeakMap<RouteEntry[], OpenApiDocument>();

/** The document of these routes, built once per process. */
export function openApiDocument(routes: RouteEntry[]): OpenApiDocument {
  let document = built.get(routes);
  if (!document) built.set(routes, (document = buildOpenApiDocument(routes)));
  return document;
}
