/**
 * The delivery log (`/v1/webhook-deliveries`): what was sent where, and every attempt's answer. Reads keep
 * to the caller's organisation; another tenant's delivery is "not found".
 */
import { db, type DeliveryStatus, type Prisma } from "../db";
import { notFound } from "../http/errors";
import { afterCursor, newestFirst, toPage } from "../http/pagination";

export interface DeliveryFilter {
  endpointId?: string;
  eventType?: string;
  status?: DeliveryStatus;
  labResultId?: string;
}

export async function listDeliveries(organizationId: string, filter: DeliveryFilter, page: { limit: number; cursor?: string }) {
  const where: Prisma.WebhookDeliveryWhereInput = {
    organizationId,
    endpointId: filter.endpointId,
    eventType: filter.eventType,
    status: filter.status,
    labResultId: filter.labResultId,
    ...afterCursor(page.cursor),
  };
  const rows = await db.webhookDelivery.findMany({ where, orderBy: newestFirst, take: page.limit + 1 });
  return toPage(rows, page.limit);
}

/** One delivery with its payload and every attempt, oldest first. */
export async function getDelivery(organizationId: string, id: string) {
  const delivery = await db.webhookDelivery.findFirst({ where: { id, organizationId }, include: { attemptLog: { orderBy: { attempt: "asc" } } } });
  if (!delivery) throw notFound("Webhook delivery");
  return delivery;
}
