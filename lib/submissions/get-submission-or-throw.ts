/**
 * One submission of the reader's organisation, with its jobs, for every read of the Submissions API (and the
 * FHIR export built on it): 404 when unknown, another organisation's, not a submission (an upload or an
 * agent run) or not a UUID; 403 when `metadata.partnerId` restricted it to another API key.
 */
import { db } from "../db";
import { notFound } from "../http/errors";
import { assertPartnerAccess, isUuid, type SubmissionReader } from "./access";

export async function getSubmissionOrThrow(reader: SubmissionReader, submissionId: string) {
  if (!isUuid(submissionId)) throw notFound("Submission");
  const lab = await db.labResult.findFirst({
    relationLoadStrategy: "join",
    where: { id: submissionId, organizationId: reader.organizationId, source: "submission" },
    include: { jobs: true },
  });
  if (!lab) throw notFound("Submission");
  assertPartnerAccess(reader, lab);
  return lab;
}

/** The whole `lab_results` row with its seven jobs. */
export type SubmissionRecord = Awaited<ReturnType<typeof getSubmissionOrThrow>>;
