/**
 * One pipeline job of the reader's organisation (`GET /v1/jobs/{jobId}`), with what its detail needs of
 * the lab behind it. Any job of the organisation is readable with its API key — a submission's, an upload's,
 * an agent run's (the key can read those through their own routes already); only a submission fills the
 * `submissionId`/`partnerSubmissionId`/`partnerSubjectId` fields. A submission restricted by
 * `metadata.partnerId` restricts its jobs too (403).
 */
import { db } from "../db";
import { notFound } from "../http/errors";
import { assertPartnerAccess, isUuid, type SubmissionReader } from "./access";

export async function getJobOrThrow(reader: SubmissionReader, jobId: string) {
  if (!isUuid(jobId)) throw notFound("Job");
  const job = await db.job.findFirst({
    relationLoadStrategy: "join",
    where: { id: jobId, organizationId: reader.organizationId },
    include: {
      labResult: {
        select: {
          id: true,
          source: true,
          partnerSubmissionId: true,
          partnerSubjectId: true,
          correlationId: true,
          partnerApiKeyId: true,
          jobs: { where: { type: "ingest_validate" }, select: { id: true } },
        },
      },
    },
  });
  if (!job) throw notFound("Job");
  assertPartnerAccess(reader, job.labResult);
  return job;
}

export type JobRecord = Awaited<ReturnType<typeof getJobOrThrow>>;
