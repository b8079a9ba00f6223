/**
 * The lab-analysis workflow: one run per lab result, one `step.run` per pipeline job (DESIGN §6), each
 * mirrored in its Job row. Every read and side effect sits inside a step that calls a lib/ service, so a
 * replayed run repeats nothing it already did. A service's `PermanentFailure` fails the run without retries
 * (../domain-errors.ts).
 */
import type { JobType } from "../../../lib/db";
import * as pipeline from "../../../lib/labs/pipeline";
import { inngest } from "../../client";
import { labAnalysisRequested } from "../../events";
import { mapDomainErrors } from "../domain-errors";

const RETRIES = 3;

export const analyzeLab = inngest.createFunction(
  {
    id: "analyze-lab",
    name: "Analyze lab result",
    retries: RETRIES,
    triggers: [labAnalysisRequested],
    onFailure: async ({ event, error, step }) => {
      const { labResultId, organizationId } = event.data.event.data as { labResultId: string; organizationId: string };
      const retriesExhausted = error.name !== "NonRetriableError";
      // The reason comes from the failed job's record, never from `error.message` (driver text stays internal).
      await step.run(
        "record-failure",
        mapDomainErrors(() => pipeline.recordRunFailure({ labResultId, organizationId }, { retriesExhausted, attempts: RETRIES + 1, error })),
      );
    },
  },
  async ({ event, step, attempt }) => {
    const { labResultId, organizationId } = event.data;
    // Every step reads and writes the lab within the organisation the event names.
    const lab = { labResultId, organizationId };
    const maxAttempts = RETRIES + 1;
    const job = <T>(type: JobType, work: () => Promise<T>) =>
      step.run(
        `pipeline.${type}`,
        mapDomainErrors(async () => {
          await pipeline.startJob(lab, type, attempt, maxAttempts);
          try {
            const result = await work();
            await pipeline.finishJob(lab, type, maxAttempts);
            return result;
          } catch (error) {
            await pipeline.markJobAttemptFailed(lab, type, error as Error);
            throw error;
          }
        }),
      );

    const ingested = await job("ingest_validate", () => pipeline.ingestAndValidate(lab));
    await job("deidentify", () => pipeline.deidentifyLab(lab));
    await job("map_to_fhir", () => pipeline.mapAnalytes(lab));
    await job("fhir_store_upsert", () => pipeline.storeFhir(lab));
    const inference = await job("run_inference", () => pipeline.runInference(lab));
    await job("write_artifacts", () => pipeline.writeArtifacts(lab));
    await job("dispatch_webhooks", () => pipeline.completeLab(lab));
    return { labResultId, ...ingested, findings: inference.findings };
  },
);
