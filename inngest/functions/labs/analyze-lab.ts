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
      const labResultId = event.data.event.data.labResultId as string;
      const retriesExhausted = error.name !== "NonRetriableError";
      // The reason comes from the failed job's record, never from `error.message` (driver text stays internal).
      await step.run(
        "record-failure",
        mapDomainErrors(() => pipeline.recordRunFailure(labResultId, { retriesExhausted, attempts: RETRIES + 1, error })),
      );
    },
  },
  async ({ event, step, attempt }) => {
    const { labResultId } = event.data;
    const maxAttempts = RETRIES + 1;
    const job = <T>(type: JobType, work: () => Promise<T>) =>
      step.run(
        `pipeline.${type}`,
        mapDomainErrors(async () => {
          await pipeline.markJobRunning(labResultId, type, attempt, maxAttempts);
          try {
            const result = await work();
            await pipeline.markJobSucceeded(labResultId, type);
            return result;
          } catch (error) {
            await pipeline.markJobAttemptFailed(labResultId, type, error as Error);
            throw error;
          }
        }),
      );

    const ingested = await job("ingest_validate", () => pipeline.ingestAndValidate(labResultId));
    await job("deidentify", () => pipeline.deidentifyLab(labResultId));
    await job("map_to_fhir", () => pipeline.mapAnalytes(labResultId));
    await job("fhir_store_upsert", () => pipeline.storeFhir(labResultId));
    const inference = await job("run_inference", () => pipeline.runInference(labResultId));
    await job("write_artifacts", () => pipeline.writeArtifacts(labResultId));
    await job("dispatch_webhooks", () => pipeline.completeLab(labResultId));
    return { labResultId, ...ingested, findings: inference.findings };
  },
);
