/**
 * Where a lab's time goes, from the job rows the pipeline writes (lib/labs/pipeline/jobs.ts): for each step,
 * how long its work took (started → completed) and how long it waited before starting (the previous step's
 * completion, or the lab's creation, → started): the round trip through the executor and `/api/inngest`.
 * Medians over the labs of a scenario.
 */
import pg from "pg";
import { PIPELINE_STEPS } from "../lib/labs/pipeline-steps";

export interface StepTime {
  step: string;
  wait_ms: number;
  work_ms: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.floor((sorted.length - 1) / 2)] * 10) / 10 : NaN;
};

export async function stepBreakdown(databaseUrl: string, labIds: string[]): Promise<{ steps: StepTime[]; total_wait_ms: number; total_work_ms: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ lab: string; type: string; created: Date; started: Date; completed: Date }>(
      `SELECT l.id AS lab, j.type::text AS type, l.created_at AS created, j.started_at AS started, j.completed_at AS completed
         FROM jobs j JOIN lab_results l ON l.id = j.lab_result_id
        WHERE l.id = ANY($1::uuid[]) AND j.started_at IS NOT NULL AND j.completed_at IS NOT NULL`,
      [labIds],
    );
    const byLab = new Map<string, typeof rows>();
    for (const row of rows) byLab.set(row.lab, [...(byLab.get(row.lab) ?? []), row]);
    const waits = new Map<string, number[]>();
    const works = new Map<string, number[]>();
    for (const jobs of byLab.values()) {
      let previousEnd = jobs[0].created.getTime();
      // The enum's database values are the public slugs (`pipeline.ingest_validate`).
      for (const { type, slug } of PIPELINE_STEPS) {
        const job = jobs.find((j) => j.type === slug);
        if (!job) break;
        waits.set(type, [...(waits.get(type) ?? []), job.started.getTime() - previousEnd]);
        works.set(type, [...(works.get(type) ?? []), job.completed.getTime() - job.started.getTime()]);
        previousEnd = job.completed.getTime();
      }
    }
    const steps = PIPELINE_STEPS.map(({ type, slug }) => ({ step: slug, wait_ms: median(waits.get(type) ?? []), work_ms: median(works.get(type) ?? []) }));
    return {
      steps,
      total_wait_ms: Math.round(steps.reduce((sum, s) => sum + s.wait_ms, 0)),
      total_work_ms: Math.round(steps.reduce((sum, s) => sum + s.work_ms, 0)),
    };
  } finally {
    await client.end();
  }
}
