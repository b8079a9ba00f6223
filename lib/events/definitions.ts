/**
 * The events of the background pipeline: each one's name and the zod schema of its data, the contract
 * between the service that publishes it and the function that runs on it (DESIGN §2, §6). A leaf: it imports
 * nothing of ours, only zod, so lib/ services, inngest/ functions and tests can all depend on it.
 */
import { z } from "zod";

/** An event as published: a name, its validated data, and an optional id (the bus accepts one id once). */
export interface Event<Name extends string = string, Data extends Record<string, unknown> = Record<string, unknown>> {
  name: Name;
  data: Data;
  id?: string;
}

/** One kind of event: its name, its data's schema, and `create` to build one ready to publish. */
export interface EventDefinition<Name extends string, Schema extends z.ZodType<Record<string, unknown>>> {
  name: Name;
  schema: Schema;
  /** Validates `data` (throws a ZodError when it does not fit) and builds the event. */
  create(data: z.input<Schema>, options?: { id?: string }): Event<Name, z.output<Schema>>;
}

function defineEvent<const Name extends string, Schema extends z.ZodType<Record<string, unknown>>>(name: Name, schema: Schema): EventDefinition<Name, Schema> {
  return {
    name,
    schema,
    create: (data, options) => ({ name, data: schema.parse(data), ...(options?.id === undefined ? {} : { id: options.id }) }),
  };
}

/** A lab result is registered and waits for the pipeline (DESIGN §6). Published by lib/labs/start-workflow.ts. */
export const labAnalysisRequested = defineEvent(
  "lab/analysis.requested",
  z.object({
    labResultId: z.uuid(),
    organizationId: z.uuid(),
  }),
);

/**
 * A webhook delivery in the outbox is due (DESIGN §5.5). Published by lib/webhooks/outbox.ts with an id
 * derived from the delivery's state (`announcementId`), so announcing the same due delivery twice starts one run.
 */
export const webhookDeliveryCreated = defineEvent(
  "webhook/delivery.created",
  z.object({
    deliveryId: z.uuid(),
    organizationId: z.uuid(),
  }),
);
