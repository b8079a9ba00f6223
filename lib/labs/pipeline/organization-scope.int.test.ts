/**
 * The pipeline's steps are scoped by organisation: an event that names one organisation's lab under another
 * organisation finds nothing — every step fails with Prisma's not-found — and the lab, its analytes, jobs and
 * webhooks stay exactly as they were. Called the way inngest/functions/labs/analyze-lab.ts calls them.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { createOrganization } from "../../organizations";
import { PIPELINE_STEPS } from "../pipeline-steps";
import { insertAnalytes } from "./analyte-chunks";
import * as pipeline from "./index";

/** A lab of its own organisation, partway through the pipeline, and another organisation. */
async function labAndStranger() {
  const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const { organization: owner } = await createOrganization({ name: `Owner ${suffix}` });
  const { organization: stranger } = await createOrganization({ name: `Stranger ${suffix}` });
  const lab = await db.labResult.create({
    data: {
      organizationId: owner.id,
      source: "agent_run",
      status: "processing",
      webhookUrl: "http://127.0.0.1:9/never-called",
      jobs: { create: PIPELINE_STEPS.map((s) => ({ organizationId: owner.id, type: s.type })) },
    },
  });
  await insertAnalytes([
    { organizationId: owner.id, labResultId: lab.id, position: 0, rawName: "Glucose", rawValue: "126", rawUnit: "mg/dL", rawRange: "70-99", valueNumber: 126, unit: "mg/dL", referenceLow: 70, referenceHigh: 99, referenceSource: "lab" },
    { organizationId: owner.id, labResultId: lab.id, position: 1, rawName: "Creatinine", rawValue: "1.8", rawUnit: "mg/dL", valueNumber: 1.8, unit: "mg/dL" },
  ]);
  return { owner: { labResultId: lab.id, organizationId: owner.id }, mismatched: { labResultId: lab.id, organizationId: stranger.id } };
}

/** Everything the pipeline could change about a lab. */
async function snapshot(labResultId: string) {
  return {
    lab: await db.labResult.findUniqueOrThrow({ where: { id: labResultId } }),
    analytes: await db.analyte.findMany({ where: { labResultId }, orderBy: { position: "asc" } }),
    jobs: await db.job.findMany({ where: { labResultId }, orderBy: { type: "asc" } }),
    deliveries: await db.webhookDelivery.findMany({ where: { labResultId } }),
  };
}

const NOT_FOUND = { code: "P2025" };

describe("a pipeline event naming a lab under another organisation", () => {
  it("finds nothing in any step and leaves the lab, its analytes, jobs and webhooks unchanged", async () => {
    const { owner, mismatched } = await labAndStranger();
    const before = await snapshot(owner.labResultId);

    await expect(pipeline.ingestAndValidate(mismatched)).rejects.toMatchObject(NOT_FOUND);
    await expect(pipeline.deidentifyLab(mismatched)).rejects.toMatchObject(NOT_FOUND);
    await expect(pipeline.mapAnalytes(mismatched)).rejects.toMatchObject(NOT_FOUND);
    await expect(pipeline.storeFhir(mismatched)).rejects.toMatchObject(NOT_FOUND);
    await expect(pipeline.runInference(mismatched)).rejects.toMatchObject(NOT_FOUND);
    await expect(pipeline.writeArtifacts(mismatched)).rejects.toMatchObject(NOT_FOUND);
    await expect(pipeline.completeLab(mismatched)).rejects.toMatchObject(NOT_FOUND);

    expect(await snapshot(owner.labResultId)).toEqual(before);
  });

  it("marks no job and fails no lab when the run's bookkeeping names the other organisation", async () => {
    const { owner, mismatched } = await labAndStranger();
    const before = await snapshot(owner.labResultId);

    await pipeline.markJobRunning(mismatched, "map_to_fhir", 0, 4);
    await pipeline.finishJob(mismatched, "map_to_fhir", 4);
    await pipeline.markJobAttemptFailed(mismatched, "map_to_fhir", new Error("boom"));
    await pipeline.settleJobsAfterFailure(mismatched, true);
    await pipeline.failLab(mismatched, "should not be written");
    await pipeline.recordRunFailure(mismatched, { retriesExhausted: true, attempts: 4, error: new Error("boom") });

    expect(await snapshot(owner.labResultId)).toEqual(before);
  });

  it("runs the same steps for the organisation that owns the lab", async () => {
    const { owner } = await labAndStranger();
    expect(await pipeline.mapAnalytes(owner)).toMatchObject({ identified: 2 });
    expect(await pipeline.storeFhir(owner)).toEqual({ resources: 4 });
    await pipeline.markJobRunning(owner, "map_to_fhir", 0, 4);
    expect(await db.job.findFirstOrThrow({ where: { labResultId: owner.labResultId, type: "map_to_fhir" } })).toMatchObject({ status: "running", attempts: 1 });
  });
});
