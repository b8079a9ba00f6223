/**
 * The OpenAPI 3.1 document of every HTTP surface, generated from the same zod schemas the routes validate
 * with (DESIGN §5). Served at /openapi.json and /openapi.yaml and rendered at /docs.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { agentRunAcceptedSchema, agentRunPathParams, agentRunRequestSchema, agentRunSchema } from "../agents/schemas";
import { tokenRequestBody, tokenResponse } from "../auth/schemas";
import { pageQuerySchema } from "../http/pagination";
import {
  jobPathParams,
  jobResponse,
  labDetailResponse,
  labListResponse,
  labPathParams,
  registerUploadBody,
  registerUploadResponse,
  userPathParams,
} from "../labs/schemas";
import { createUploadBody, uploadFilePathParams, uploadResponse } from "../uploads/schemas";

const memberValidationError = z
  .object({ detail: z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), type: z.string() })) })
  .meta({ id: "HTTPValidationError" });
const memberError = z.object({ detail: z.string() }).meta({ id: "MemberError" });
const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      correlationId: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "ErrorEnvelope" });

const writeHeaders = z.object({
  "x-correlation-id": z.string().min(1).describe("Required on every POST of the partner surface"),
  "idempotency-key": z.string().min(1).describe("Same key and body replays the first response; another body is a 409"),
});
const optionalIdempotency = z.object({
  "idempotency-key": z.string().optional().describe("Optional: a retried request with the same key replays the first response"),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const memberErrors = {
  401: json(memberError, "Missing, invalid or expired credential"),
  403: json(memberError, "The token belongs to another member"),
  404: json(memberError, "Not found in this organisation"),
  422: json(memberValidationError, "Validation error, one entry per bad field"),
};
const partnerErrors = {
  400: json(errorEnvelope, "Validation error or missing write headers"),
  401: json(errorEnvelope, "Missing or invalid API key"),
  403: json(errorEnvelope, "The key lacks the scope"),
};

const concurrencyHeaders = {
  "X-Concurrent-Limit": { description: "The organisation's concurrent-run limit", schema: { type: "integer" as const } },
  "X-Concurrent-Active": { description: "Runs in flight, including this one when admitted", schema: { type: "integer" as const } },
  "X-Concurrent-Remaining": { description: "Free slots", schema: { type: "integer" as const } },
};
const agentErrors = {
  401: json(errorEnvelope, "Missing or invalid API key"),
  403: json(errorEnvelope, "The key lacks the scope"),
};

function buildRegistry(): OpenAPIRegistry {
  const r = new OpenAPIRegistry();
  r.registerComponent("securitySchemes", "apiKey", { type: "apiKey", in: "header", name: "X-Api-Key" });
  r.registerComponent("securitySchemes", "apiKeyBearer", { type: "http", scheme: "bearer", bearerFormat: "opaque" });
  r.registerComponent("securitySchemes", "memberBearer", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  const apiKey: Record<string, string[]>[] = [{ apiKey: [] }, { apiKeyBearer: [] }];
  const member: Record<string, string[]>[] = [{ memberBearer: [] }];
  const add = (config: RouteConfig) => r.registerPath(config);

  add({ method: "get", path: "/health", tags: ["Platform"], summary: "Liveness", responses: { 200: json(z.object({ status: z.literal("ok") }), "The process is up") } });
  add({
    method: "get",
    path: "/ready",
    tags: ["Platform"],
    summary: "Readiness: database, storage and executor reachable",
    responses: {
      200: json(z.object({ status: z.literal("ready"), checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })) }), "Ready"),
      503: json(z.object({ status: z.literal("not_ready"), checks: z.record(z.string(), z.unknown()) }), "A dependency is unreachable"),
    },
  });
  add({ method: "get", path: "/openapi.json", tags: ["Platform"], summary: "This document (JSON)", responses: { 200: { description: "OpenAPI 3.1" } } });
  add({ method: "get", path: "/openapi.yaml", tags: ["Platform"], summary: "This document (YAML)", responses: { 200: { description: "OpenAPI 3.1" } } });

  for (const method of ["get", "post"] as const) {
    add({
      method,
      path: "/v1/diagnostics/auth",
      tags: ["Diagnostics"],
      summary: method === "get" ? "Check an API key" : "Check an API key and the write headers",
      security: apiKey,
      request: method === "post" ? { headers: writeHeaders } : undefined,
      responses: { 204: { description: "Valid" }, ...partnerErrors },
    });
  }

  add({
    method: "post",
    path: "/v1/auth/token",
    tags: ["Members"],
    summary: "Mint a member-scoped token",
    description: "Returns a short-lived JWT whose `sub` is the member id. With `external_id` and `create: true` the member is created on first use.",
    security: apiKey,
    request: { headers: optionalIdempotency, body: { content: { "application/json": { schema: tokenRequestBody } } } },
    responses: { 200: json(tokenResponse, "Token"), ...memberErrors },
  });
  add({
    method: "post",
    path: "/v1/uploads",
    tags: ["Uploads"],
    summary: "Mint a pre-signed upload URL",
    description: "Step one of the upload flow: PUT the file to `upload_url` with exactly the returned headers, then register `file_url`. Files up to 25 MB: PDF, PNG, JPEG, TIFF, CSV, JSON, FHIR JSON, HL7 v2.",
    security: [...member, ...apiKey],
    request: { headers: optionalIdempotency, body: { content: { "application/json": { schema: createUploadBody } } } },
    responses: { 201: json(uploadResponse, "Upload URL minted"), ...memberErrors, 413: json(memberError, "Declared size over the limit") },
  });
  add({
    method: "get",
    path: "/v1/uploads/{upload_id}/file",
    tags: ["Uploads"],
    summary: "Download an uploaded file",
    security: [...member, ...apiKey],
    request: { params: uploadFilePathParams },
    responses: { 307: { description: "Redirect to a short-lived signed download URL" }, ...memberErrors },
  });
  add({
    method: "post",
    path: "/v1/users/{user_id}/labs/upload",
    tags: ["Labs"],
    summary: "Register an uploaded lab and schedule processing",
    description: "Returns 202 with the lab result id and the workflow id. If the workflow cannot start, the lab stays `pending` with `workflow_id: null`; registering the same file_url again retries.",
    security: member,
    request: { params: userPathParams, headers: optionalIdempotency, body: { content: { "application/json": { schema: registerUploadBody } } } },
    responses: { 202: json(registerUploadResponse, "Accepted"), ...memberErrors, 409: json(memberError, "The file has not been uploaded yet") },
  });
  add({
    method: "get",
    path: "/v1/users/{user_id}/labs",
    tags: ["Labs"],
    summary: "List processed and in-flight lab results",
    description: "Pending, processing, ready and failed results in one cursor-paginated read, `created_at` descending.",
    security: member,
    request: { params: userPathParams, query: pageQuerySchema },
    responses: { 200: json(labListResponse, "A page of lab results"), ...memberErrors },
  });
  add({
    method: "get",
    path: "/v1/users/{user_id}/labs/{lab_result_id}",
    tags: ["Labs"],
    summary: "Get a lab result",
    security: member,
    request: { params: labPathParams },
    responses: { 200: json(labDetailResponse, "The lab result"), ...memberErrors },
  });
  add({
    method: "get",
    path: "/v1/users/{user_id}/jobs/{job_id}",
    tags: ["Labs"],
    summary: "Get the workflow state behind a lab result",
    description: "`job_id` is the `workflow_id` returned at registration.",
    security: member,
    request: { params: jobPathParams },
    responses: { 200: json(jobResponse, "Run status and each step"), ...memberErrors },
  });
  add({
    method: "post",
    path: "/v1/agents/lab-results",
    tags: ["Lab Results Agent"],
    summary: "Analyse lab results; results arrive by webhook",
    description:
      "Answers 200 at once with the `runId`. Status updates for each processing step and then `labResultsComplete` (or a failure) are POSTed, signed, to `webhookUrl`; `GET /v1/agents/lab-results/{runId}` polls the same run. Beyond 200 labs the 200 most relevant are analysed (critical, then abnormal, then newest); `labsReceived` and `labsAnalyzed` say so. Every answer past authentication carries the concurrency headers.",
    security: apiKey,
    request: { headers: optionalIdempotency, body: { content: { "application/json": { schema: agentRunRequestSchema } } } },
    responses: {
      200: { ...json(agentRunAcceptedSchema, "Run started"), headers: concurrencyHeaders },
      400: { ...json(errorEnvelope, "Validation error, one entry per bad field in `details.issues`"), headers: concurrencyHeaders },
      ...agentErrors,
      413: { ...json(errorEnvelope, "Body over 2 MB"), headers: concurrencyHeaders },
      429: {
        ...json(errorEnvelope, "The organisation's concurrent runs are at its limit"),
        headers: { ...concurrencyHeaders, "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer" as const } } },
      },
    },
  });
  add({
    method: "get",
    path: "/v1/agents/lab-results/{runId}",
    tags: ["Lab Results Agent"],
    summary: "Poll a run",
    description: "`processing`, `completed` with the same `result` as the final webhook, or `failed` with the `error`.",
    security: apiKey,
    request: { params: agentRunPathParams },
    responses: { 200: json(agentRunSchema, "The run"), ...agentErrors, 404: json(errorEnvelope, "No such run in this organisation") },
  });
  return r;
}

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function openApiDocument() {
  cached ??= new OpenApiGeneratorV31(buildRegistry().definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Labwise API",
      version: "0.1.0",
      description:
        "Lab-result interpretation: upload lab reports or submit values, poll results, receive signed webhooks. Member routes speak FastAPI-style errors (`detail`); partner routes the `{error: {code, message, requestId}}` envelope.",
    },
    servers: [{ url: process.env.PUBLIC_BASE_URL ?? "http://localhost:3000" }],
  });
  return cached;
}
