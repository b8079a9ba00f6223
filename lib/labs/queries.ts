/** Reads of lab results, always scoped to one organisation (and member, on the member surface). */
import { db } from "../db";
import { notFound } from "../http/errors";
import { afterCursor, newestFirst, toPage } from "../http/pagination";

const detailInclude = {
  upload: { select: { id: true, filename: true, contentType: true, actualSize: true, declaredSize: true } },
  analytes: { orderBy: { position: "asc" as const } },
} as const;

export async function getMemberLabOrThrow(organizationId: string, memberId: string, labResultId: string) {
  // One SQL statement with the relations joined in, rather than one per relation: this is the hot read.
  const lab = await db.labResult.findFirst({
    relationLoadStrategy: "join",
    where: { id: labResultId, organizationId, memberId },
    include: detailInclude,
  });
  if (!lab) throw notFound("Lab result");
  return lab;
}

export type LabDetail = Awaited<ReturnType<typeof getMemberLabOrThrow>>;

export async function listMemberLabs(organizationId: string, memberId: string, page: { limit: number; cursor?: string }) {
  const rows = await db.labResult.findMany({
    where: { organizationId, memberId, ...afterCursor(page.cursor) },
    orderBy: newestFirst,
    take: page.limit + 1,
    include: { upload: detailInclude.upload },
  });
  return toPage(rows, page.limit);
}

export type LabSummary = Awaited<ReturnType<typeof listMemberLabs>>["items"][number];

/** The execution behind `workflow_id` (the member surface's `job_id`), with its step jobs. */
export async function getMemberRunOrThrow(organizationId: string, memberId: string, workflowId: string) {
  const lab = await db.labResult.findFirst({
    where: { workflowId, organizationId, memberId },
    include: { jobs: true },
  });
  if (!lab) throw notFound("Job");
  return lab;
}

export type LabRun = Awaited<ReturnType<typeof getMemberRunOrThrow>>;

/** The organisation's most recent lab results, for the portal. */
export async function listOrganizationLabs(organizationId: string, page: { limit: number; cursor?: string }) {
  const rows = await db.labResult.findMany({
    where: { organizationId, ...afterCursor(page.cursor) },
    orderBy: newestFirst,
    take: page.limit + 1,
    include: { upload: detailInclude.upload, member: { select: { id: true, externalId: true, displayName: true } } },
  });
  return toPage(rows, page.limit);
}
