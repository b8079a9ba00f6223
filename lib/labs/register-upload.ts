/**
 * Registers an uploaded file as a lab result and schedules its processing (seed 000,
 * `POST /v1/users/{user_id}/labs/upload`). Registering the same file again returns the same lab result,
 * and starts its workflow if the first attempt could not: that is how a partner "retries the upload".
 * `lab.accepted` goes to subscribed webhook endpoints from the transaction that creates the lab.
 */
import { db, Prisma } from "../db";
import { pooledSql } from "../db/prepared";
import { confirmUploaded, getUploadOrThrow, uploadIdFromFileUrl } from "../uploads/service";
import { dispatchPending, subscribedSql } from "../webhooks";
import { LAB_EVENT } from "../webhooks/event-types";
import { enqueueLabAccepted } from "./lifecycle-webhooks";
import { JOB_TYPE_SLUG, PIPELINE_STEPS } from "./pipeline-steps";
import { startLabWorkflow } from "./start-workflow";

export async function registerUploadedLab(input: { organizationId: string; memberId: string; fileUrl: string }) {
  const uploadId = uploadIdFromFileUrl(input.fileUrl);
  const upload = await getUploadOrThrow(input.organizationId, uploadId, input.memberId);
  await confirmUploaded(upload);

  const { lab, deliveries } = await createOnce(input, upload).catch(async (error) => {
    // The file was registered before (a retry), or by a concurrent registration that won the unique
    // (upload_id) race: answer with its lab.
    if (!isUniqueViolation(error)) throw error;
    return { lab: await db.labResult.findFirstOrThrow({ where: { uploadId: upload.id, organizationId: input.organizationId }, select: REGISTERED }), deliveries: [] };
  });
  if (deliveries.length) await dispatchPending({ ids: deliveries });

  const workflowId = lab.workflowId ?? (lab.status === "pending" ? await startLabWorkflow(lab) : null);
  return { labResultId: lab.id, status: lab.status, workflowId };
}

/** What registration answers with and starts the workflow from. */
const REGISTERED = { id: true, organizationId: true, status: true, workflowId: true, workflowEventId: true } as const;
type RegisteredLab = Prisma.LabResultGetPayload<{ select: typeof REGISTERED }>;

/** The insert's unique (upload_id), as Prisma (P2002) or as PostgreSQL (23505) says it. */
const isUniqueViolation = (error: unknown) =>
  (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") || (error as { code?: unknown } | null)?.code === "23505";

async function createOnce(
  input: { organizationId: string; memberId: string },
  upload: Awaited<ReturnType<typeof getUploadOrThrow>>,
): Promise<{ lab: RegisteredLab; deliveries: string[] }> {
  // A registered file has its lab already: the insert's unique (upload_id) says so (above), sparing every first
  // registration a look for it.
  const lab = await createUnheard(input, upload.id);
  if (lab) return { lab, deliveries: [] };
  return db.$transaction(async (tx) => {
    const created = await tx.labResult.create({
      data: { organizationId: input.organizationId, memberId: input.memberId, uploadId: upload.id, source: "upload", status: "pending" },
      select: REGISTERED,
    });
    await tx.job.createMany({ data: PIPELINE_STEPS.map((step) => ({ organizationId: input.organizationId, labResultId: created.id, type: step.type })) });
    await tx.upload.update({ where: { id: upload.id }, data: { state: "registered" } });
    const deliveries = await enqueueLabAccepted(tx, { labResultId: created.id, organizationId: input.organizationId });
    return { lab: created, deliveries };
  });
}

/**
 * The lab, its jobs and the upload's new state in one statement, when no endpoint of the organisation hears
 * `lab.accepted` (most do not): no transaction and its round trips. When one does, the statement writes
 * nothing and answers null, and the transaction above writes them with the webhook. The test and the writes
 * share one snapshot, as the job changes do (./pipeline/jobs.ts).
 */
async function createUnheard(input: { organizationId: string; memberId: string }, uploadId: string): Promise<RegisteredLab | null> {
  const [row] = await pooledSql<RegisteredLab & { heard: boolean }>(Prisma.sql`
    WITH heard AS (SELECT ${subscribedSql(input.organizationId, LAB_EVENT.accepted)} AS yes),
      lab AS (
        INSERT INTO lab_results (organization_id, member_id, upload_id, source, status, updated_at)
        SELECT ${input.organizationId}::uuid, ${input.memberId}::uuid, ${uploadId}::uuid, 'upload', 'pending', now()
         WHERE NOT (SELECT yes FROM heard)
        RETURNING id, organization_id, status, workflow_id, workflow_event_id),
      jobs AS (
        INSERT INTO jobs (organization_id, lab_result_id, type, updated_at)
        SELECT lab.organization_id, lab.id, step.type::job_type, now() FROM lab, unnest(${PIPELINE_STEPS.map((step) => JOB_TYPE_SLUG[step.type])}::text[]) AS step(type)),
      registered AS (
        UPDATE uploads SET state = 'registered' WHERE id = ${uploadId}::uuid AND organization_id = ${input.organizationId}::uuid AND EXISTS (SELECT 1 FROM lab))
    SELECT (SELECT yes FROM heard) AS heard, lab.id, lab.organization_id AS "organizationId", lab.status::text AS status,
      lab.workflow_id AS "workflowId", lab.workflow_event_id AS "workflowEventId"
      FROM (SELECT 1) AS one LEFT JOIN lab ON true`);
  return row.heard ? null : { id: row.id, organizationId: row.organizationId, status: row.status, workflowId: row.workflowId, workflowEventId: row.workflowEventId };
}
