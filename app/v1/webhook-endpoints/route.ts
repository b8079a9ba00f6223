import { idFromBody, json, methodsNotAllowed, pageQuerySchema, route } from "@/lib/http";
import { createEndpoint, createEndpointRequest, endpointListSchema, endpointWithSecretSchema, listEndpoints, serializeEndpoint } from "@/lib/webhooks";

// POST /v1/webhook-endpoints — register an endpoint; its signing secret is in this answer only
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    requireWriteHeaders: true,
    idempotent: true,
    body: createEndpointRequest,
    audit: { action: "create", resourceType: "webhook_endpoint", resourceId: idFromBody((body: { id: string }) => body.id) },
    openapi: {
      operationId: "createWebhookEndpoint",
      summary: "Register a webhook endpoint",
      description:
        "The URL must be https and resolve to public addresses (checked now and at every delivery). `events` lists the event types to receive (none = all). The answer holds the `whsec_` signing secret: it is not shown again (rotate to get a new one).",
      tags: ["Webhook management"],
      requestExample: { url: "https://partner.example.org/hooks/labwise", events: ["lab.results_ready", "lab.failed"], description: "Production receiver" },
      responses: { 201: { description: "Registered; the secret is shown this once", schema: endpointWithSecretSchema } },
    },
  },
  async ({ principal, body }) => {
    const endpoint = await createEndpoint({ organizationId: principal.organizationId, ...body });
    return json({ ...serializeEndpoint(endpoint, endpoint.secret), secret: endpoint.secret }, { status: 201 });
  },
);

// GET /v1/webhook-endpoints — the organisation's endpoints, newest first, paginated (no secrets)
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    query: pageQuerySchema,
    openapi: {
      operationId: "listWebhookEndpoints",
      summary: "List webhook endpoints",
      description: "Newest first, cursor-paginated. Secrets are never shown, only their fingerprints.",
      tags: ["Webhook management"],
      responses: { 200: { description: "A page of endpoints", schema: endpointListSchema } },
    },
  },
  async ({ principal, query }) => {
    const page = await listEndpoints(principal.organizationId, query);
    return json({ data: page.items.map((e) => serializeEndpoint(e)), nextCursor: page.nextCursor, hasMore: page.nextCursor !== null });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET", "POST"]);
