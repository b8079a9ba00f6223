/** Event names and payloads of the background pipeline. */
import { eventType } from "inngest";
import { z } from "zod";

/** A lab result is registered and waits for the pipeline (DESIGN §6). */
export const labAnalysisRequested = eventType("lab/analysis.requested", {
  schema: z.object({
    labResultId: z.uuid(),
    organizationId: z.uuid(),
  }),
});
