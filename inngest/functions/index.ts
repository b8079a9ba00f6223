import { analyzeLab } from "./labs/analyze-lab";
import { webhookFunctions } from "./webhooks";

/** Every Inngest function of the app, as served at /api/inngest. */
export const functions = [analyzeLab, ...webhookFunctions];
