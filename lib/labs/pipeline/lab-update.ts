/**
 * A step's change to its lab row, as one prepared statement (lib/db/prepared.ts): the columns the steps write,
 * each with the type PostgreSQL receives it as. JSON columns take what the codecs (../codecs) write, or null
 * for none. `updated_at` moves with every change, as Prisma's `@updatedAt` did, so the stored member bodies
 * (../read-cache.ts) see it.
 */
import { Prisma, type LabStatus } from "../../db";
import { pooledSql } from "../../db/prepared";
import type { PipelineLab } from "./pipeline-lab";
import { labNotFound } from "./step-lab";

type Json = Prisma.InputJsonValue | null;

export interface LabChange {
  status?: LabStatus;
  startedAt?: Date;
  format?: string;
  labsReceived?: number;
  labsAnalyzed?: number;
  insightsMatched?: number;
  patientContext?: Json;
  skipped?: Json;
  microbiology?: Json;
  findings?: Json;
  metadata?: Json;
  citations?: Json;
  patientResponse?: string;
  clinicianResponse?: string;
}

/** Each column, in the order a statement sets them (so one set of columns is always one statement text). */
const COLUMNS: Record<keyof LabChange, { column: string; type: string }> = {
  status: { column: "status", type: "lab_status" },
  startedAt: { column: "started_at", type: "timestamptz" },
  format: { column: "format", type: "text" },
  labsReceived: { column: "labs_received", type: "int" },
  labsAnalyzed: { column: "labs_analyzed", type: "int" },
  insightsMatched: { column: "insights_matched", type: "int" },
  patientContext: { column: "patient_context", type: "jsonb" },
  skipped: { column: "skipped", type: "jsonb" },
  microbiology: { column: "microbiology", type: "jsonb" },
  findings: { column: "findings", type: "jsonb" },
  metadata: { column: "metadata", type: "jsonb" },
  citations: { column: "citations", type: "jsonb" },
  patientResponse: { column: "patient_response", type: "text" },
  clinicianResponse: { column: "clinician_response", type: "text" },
};

/** The lab as the webhooks it may report need it. */
export interface ChangedLab {
  id: string;
  organizationId: string;
  source: string;
  webhookUrl: string | null;
}

/** Applies `change` to the lab in its organisation; not there is Prisma's not-found (P2025), as before. */
export async function updateLab({ labResultId, organizationId }: PipelineLab, change: LabChange): Promise<ChangedLab> {
  const sets = (Object.keys(COLUMNS) as (keyof LabChange)[])
    .filter((key) => change[key] !== undefined)
    .map((key) => {
      const { column, type } = COLUMNS[key];
      const value = change[key];
      const sent = type === "jsonb" && value !== null ? JSON.stringify(value) : value;
      return Prisma.sql`${Prisma.raw(column)} = ${sent}::${Prisma.raw(type)}`;
    });
  const [lab] = await pooledSql<ChangedLab>(Prisma.sql`
    UPDATE lab_results SET ${Prisma.join([...sets, Prisma.sql`updated_at = now()`], ", ")}
     WHERE id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid
    RETURNING id, organization_id AS "organizationId", source::text AS source, webhook_url AS "webhookUrl"`);
  if (!lab) throw labNotFound();
  return lab;
}
