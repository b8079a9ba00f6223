/**
 * The lab row as the steps after ingestion read it: one prepared statement (lib/db/prepared.ts) with the
 * columns any of them needs, rather than a Prisma query of its own in each step. JSON columns come back parsed,
 * as Prisma returns them, for the same codecs (../codecs.ts) to read.
 */
import { Prisma, type LabStatus } from "../../db";
import { preparedRows, rowNotFound } from "../../db/prepared";
import type { PipelineLab } from "./pipeline-lab";

export interface StepLab {
  id: string;
  organizationId: string;
  memberId: string | null;
  status: LabStatus;
  patientContext: Prisma.JsonValue | null;
  skipped: Prisma.JsonValue | null;
  metadata: Prisma.JsonValue | null;
  findings: Prisma.JsonValue | null;
  microbiology: Prisma.JsonValue | null;
  insightsMatched: number | null;
  createdAt: Date;
}

const STEP_LAB = {
  name: "labwise_step_lab",
  text: `SELECT id, organization_id AS "organizationId", member_id AS "memberId", status::text AS status,
      patient_context AS "patientContext", skipped, metadata, findings, microbiology, insights_matched AS "insightsMatched",
      created_at AS "createdAt"
    FROM lab_results WHERE id = $1::uuid AND organization_id = $2::uuid`,
};

/**
 * The lab, within the organisation the event names. Not there is Prisma's not-found (P2025), as for every other
 * read of a step (pipeline-lab.ts): the step is retried, then the run fails.
 */
export async function readStepLab({ labResultId, organizationId }: PipelineLab): Promise<StepLab> {
  const [lab] = await preparedRows<StepLab>(STEP_LAB, [labResultId, organizationId]);
  if (!lab) throw labNotFound();
  return lab;
}

/** What a step's read or change of a lab that is not in the event's organisation throws: Prisma's not-found. */
export const labNotFound = () => rowNotFound("lab result in its organisation");
