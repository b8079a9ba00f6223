/**
 * The pipeline's steps (DESIGN §6) in order, with the public job type slugs of seed 002 and their labels.
 * The Prisma enum stores the slug itself (`pipeline.ingest_validate`, …).
 */
import type { JobType } from "../db";

export const PIPELINE_STEPS: readonly { type: JobType; slug: string; label: string; slaSeconds: number }[] = [
  { type: "ingest_validate", slug: "pipeline.ingest_validate", label: "Ingest and validate", slaSeconds: 60 },
  { type: "deidentify", slug: "pipeline.deidentify", label: "De-identify", slaSeconds: 30 },
  { type: "map_to_fhir", slug: "pipeline.map_to_fhir", label: "Map to FHIR", slaSeconds: 30 },
  { type: "fhir_store_upsert", slug: "pipeline.fhir_store_upsert", label: "Store FHIR resources", slaSeconds: 30 },
  { type: "run_inference", slug: "pipeline.run_inference", label: "Run inference", slaSeconds: 60 },
  { type: "write_artifacts", slug: "pipeline.write_artifacts", label: "Write artifacts", slaSeconds: 30 },
  { type: "dispatch_webhooks", slug: "pipeline.dispatch_webhooks", label: "Dispatch webhooks", slaSeconds: 60 },
];

export const JOB_TYPE_SLUG = Object.fromEntries(PIPELINE_STEPS.map((s) => [s.type, s.slug])) as Record<JobType, string>;
export const JOB_TYPE_LABEL = Object.fromEntries(PIPELINE_STEPS.map((s) => [s.type, s.label])) as Record<JobType, string>;
