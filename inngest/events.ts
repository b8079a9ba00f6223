/**
 * The pipeline's events as Inngest triggers. The names and payload schemas are defined once, in
 * lib/events/definitions.ts (services publish from there); this file only hands them to the SDK.
 */
import { eventType } from "inngest";
import * as events from "../lib/events/definitions";

/** A lab result is registered and waits for the pipeline (DESIGN §6). */
export const labAnalysisRequested = eventType(events.labAnalysisRequested.name, { schema: events.labAnalysisRequested.schema });

/** A webhook delivery in the outbox is due (DESIGN §5.5). */
export const webhookDeliveryCreated = eventType(events.webhookDeliveryCreated.name, { schema: events.webhookDeliveryCreated.schema });
