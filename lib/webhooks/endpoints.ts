/**
 * Partner-managed webhook endpoints (DESIGN §5.3, `/v1/webhook-endpoints`): register, list, read, change,
 * delete. The secret is generated here and handed out once, at creation (and at each rotation, ./secrets.ts);
 * afterwards only its fingerprint is shown. Every read and write keeps to the caller's organisation: another
 * tenant's endpoint is "not found".
 *
 * Delete is a soft delete (`deletedAt`): the endpoint's open deliveries are dead-lettered in the same
 * transaction (with the reason, visible in the delivery log; they cannot be replayed), its secrets are
 * overwritten, and it disappears from every list. Keeping the row keeps each past delivery tied to its
 * endpoint, so none can ever be signed with the organisation's secret instead.
 */
import { db, type WebhookEndpoint } from "../db";
import { AppError, notFound } from "../http/errors";
import { afterCursor, newestFirst, toPage } from "../http/pagination";
import { OPEN_STATUSES } from "./ordering";
import { sealSecret } from "./sealed-secrets";
import { generateSecret } from "./signing";
import { assertDeliverableUrl, UrlNotAllowedError } from "./url-guard";

export interface EndpointFields {
  url: string;
  /** Event types to receive; empty means all (./event-types.ts). */
  events?: string[];
  description?: string | null;
  enabled?: boolean;
}

/**
 * Checks a URL (resolving its host) and answers a refusal as a validation error of the `url` field: a
 * partner learns at registration that a private address or plain http will not be delivered to. It is
 * checked again at every attempt, as DNS can change.
 */
async function checkUrl(url: string): Promise<void> {
  try {
    await assertDeliverableUrl(url);
  } catch (error) {
    if (!(error instanceof UrlNotAllowedError)) throw error;
    throw new AppError("VALIDATION_ERROR", error.message, { issues: [{ loc: ["body", "url"], msg: error.message, type: `url_${error.reason}` }] });
  }
}

const unique = (events: string[] | undefined) => (events ? [...new Set(events)] : undefined);

/** Registers an endpoint with a fresh secret; returned with the secret opened, to be shown this once. */
export async function createEndpoint(input: EndpointFields & { organizationId: string }): Promise<WebhookEndpoint> {
  await checkUrl(input.url);
  const secret = generateSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: {
      organizationId: input.organizationId,
      url: input.url,
      events: unique(input.events) ?? [],
      description: input.description ?? null,
      enabled: input.enabled ?? true,
      secret: sealSecret(secret),
    },
  });
  return { ...endpoint, secret };
}

const live = (organizationId: string, id: string) => ({ id, organizationId, deletedAt: null });

export async function getEndpoint(organizationId: string, id: string): Promise<WebhookEndpoint> {
  const endpoint = await db.webhookEndpoint.findFirst({ where: live(organizationId, id) });
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

export async function listEndpoints(organizationId: string, page: { limit: number; cursor?: string }) {
  const rows = await db.webhookEndpoint.findMany({
    where: { organizationId, deletedAt: null, ...afterCursor(page.cursor) },
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  return toPage(rows, page.limit);
}

/** Changes what is given; a new URL passes the same checks as at registration. */
export async function updateEndpoint(organizationId: string, id: string, patch: Partial<EndpointFields>): Promise<WebhookEndpoint> {
  await getEndpoint(organizationId, id);
  if (patch.url !== undefined) await checkUrl(patch.url);
  const { count } = await db.webhookEndpoint.updateMany({
    where: live(organizationId, id),
    data: { url: patch.url, events: unique(patch.events), description: patch.description, enabled: patch.enabled },
  });
  if (!count) throw notFound("Webhook endpoint");
  return getEndpoint(organizationId, id);
}

export const DELETED_ENDPOINT_ERROR = "the webhook endpoint was deleted";

/** Deletes an endpoint: its open deliveries are dead-lettered, its secrets overwritten (see the file comment). */
export async function deleteEndpoint(organizationId: string, id: string): Promise<{ deadLettered: number }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: live(organizationId, id),
      data: { deletedAt: new Date(), enabled: false, secret: sealSecret(generateSecret()), previousSecret: null, previousSecretExpiresAt: null },
    });
    if (!count) throw notFound("Webhook endpoint");
    const { count: deadLettered } = await tx.webhookDelivery.updateMany({
      where: { organizationId, endpointId: id, status: { in: [...OPEN_STATUSES] } },
      data: { status: "dead_letter", nextAttemptAt: null, lastError: DELETED_ENDPOINT_ERROR },
    });
    return { deadLettered };
  });
}
