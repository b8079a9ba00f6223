/**
 * Registers an uploaded file as a lab result and schedules its processing (seed 000,
 * `POST /v1/users/{user_id}/labs/upload`). Registering the same file again returns the same lab result,
 * and starts its workflow if the first attempt could not: that is how a partner "retries the upload".
 * `lab.accepted` goes to subscribed webhook endpoints from the transaction that creates the lab.
 */
import { db, Prisma } from "../db";
import { confirmUploaded, getUploadOrThrow, uploadIdFromFileUrl } from "../uploads/service";
import { dispatchPending } from "../webhooks";
import { enqueueLabAccepted } from "./lifecycle-webhooks";
import { PIPELINE_STEPS } from "./pipeline-steps";
import { startLabWorkflow } from "./start-workflow";

export async function registerUploadedLab(input: { organizationId: string; memberId: string; fileUrl: string }) {
  const uploadId = uploadIdFromFileUrl(input.fileUrl);
  const upload = await getUploadOrThrow(input.organizationId, uploadId, input.memberId);
  await confirmUploaded(upload);

  const { lab, deliveries } = await createOnce(input, upload).catch(async (error) => {
    // The file was registered before (a retry), or by a concurrent registration that won the unique
    // (upload_id) race: answer with its lab.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    return { lab: await db.labResult.findFirstOrThrow({ where: { uploadId: upload.id, organizationId: input.organizationId } }), deliveries: [] };
  });
  if (deliveries.length) await dispatchPending({ ids: deliveries });

  const workflowId = lab.workflowId ?? (lab.status === "pending" ? await startLabWorkflow(lab) : null);
  return { labResultId: lab.id, status: lab.status, workflowId };
}

function createOnce(
  input: { organizationId: string; memberId: string },
  upload: Awaited<ReturnType<typeof getUploadOrThrow>>,
) {
  // A registered file has its lab already: the insert's unique (upload_id) says so (P2002, above), sparing
  // every first registration a look for it.
  return db.$transaction(async (tx) => {
    const created = await tx.labResult.create({
      data: { organizationId: input.organizationId, memberId: input.memberId, uploadId: upload.id, source: "upload", status: "pending" },
    });
    await tx.job.createMany({ data: PIPELINE_STEPS.map((step) => ({ organizationId: input.organizationId, labResultId: created.id, type: step.type })) });
    await tx.upload.update({ where: { id: upload.id }, data: { state: "registered" } });
    const deliveries = await enqueueLabAccepted(tx, { labResultId: created.id, organizationId: input.organizationId });
    return { lab: created, deliveries };
  });
}
