import { json, methodsNotAllowed, route } from "@/lib/http";
import { organizationSecretSchema, rotateQuery, rotateSecret, serializeSecretSet } from "@/lib/webhooks";

// POST /v1/webhook-secret/rotate — a new organisation secret; the old one signs alongside for the grace period
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    requireWriteHeaders: true,
    idempotent: true,
    query: rotateQuery,
    audit: { action: "rotate", resourceType: "webhook_secret", resourceId: ({ principal }) => principal.organizationId },
    openapi: {
      operationId: "rotateWebhookSigningSecret",
      summary: "Rotate the organisation's webhook signing secret",
      description:
        "Until `previousSecretExpiresAt` agent-run webhooks carry a signature with the old and one with the new secret in `webhook-signature`, so receivers verify with either while you roll it out.",
      tags: ["Webhook management"],
      responses: { 200: { description: "The new secret", schema: organizationSecretSchema } },
    },
  },
  async ({ principal, query }) => json(serializeSecretSet(await rotateSecret({ organizationId: principal.organizationId, graceHours: query.graceHours }))),
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["POST"]);
