/** Events of webhook delivery (lib/webhooks/outbox.ts sends them; ./deliver-webhook.ts runs on them). */
import { eventType } from "inngest";
import { z } from "zod";

/**
 * A webhook delivery in the outbox is due. The event id is derived from the delivery's state (see
 * `announcementId` in lib/webhooks/outbox.ts), so announcing the same due delivery twice starts one run.
 */
export const webhookDeliveryCreated = eventType("webhook/delivery.created", {
  schema: z.object({
    deliveryId: z.uuid(),
    organizationId: z.uuid(),
  }),
});
