/**
 * `GET /v1/submissions`: the organisation's submissions the key may see, newest first, keyset-paginated
 * (../http/pagination.ts), filtered by subject, status and creation time.
 */
import { db, type LabStatus } from "../db";
import { afterCursor, newestFirst, toPage } from "../http/pagination";
import { visibleTo, type SubmissionReader } from "./access";
import type { z } from "zod";
import type { submissionListQuerySchema, submissionStatusSchema } from "./schemas";

/** Public submission status → the lab's status. */
export const LAB_STATUS_OF: Record<z.infer<typeof submissionStatusSchema>, LabStatus> = {
  received: "pending",
  processing: "processing",
  completed: "ready",
  failed: "failed",
};

export async function listSubmissions(reader: SubmissionReader, query: z.infer<typeof submissionListQuerySchema>) {
  const rows = await db.labResult.findMany({
    where: {
      organizationId: reader.organizationId,
      source: "submission",
      ...(query.partnerSubjectId ? { partnerSubjectId: query.partnerSubjectId } : {}),
      ...(query.status ? { status: LAB_STATUS_OF[query.status] } : {}),
      ...(query.createdFrom || query.createdTo
        ? { createdAt: { ...(query.createdFrom ? { gte: new Date(query.createdFrom) } : {}), ...(query.createdTo ? { lt: new Date(query.createdTo) } : {}) } }
        : {}),
      AND: [visibleTo(reader), afterCursor(query.cursor)],
    },
    orderBy: newestFirst,
    take: query.limit + 1,
    include: { jobs: { where: { type: "ingest_validate" }, select: { segment: true } } },
  });
  return toPage(rows, query.limit);
}

export type SubmissionListRow = Awaited<ReturnType<typeof listSubmissions>>["items"][number];
