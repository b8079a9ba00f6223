import { deliverWebhook } from "./deliver-webhook";

/** The webhook functions, for inngest/functions/index.ts. */
export const webhookFunctions = [deliverWebhook];
