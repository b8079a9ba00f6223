/**
 * The organisation's labs as the portal lists them, and what a clinician does to them: upload one for a
 * patient (the API's own pre-signed flow: lib/uploads, lib/labs/register-upload) and re-run a failed one.
 */
import { db, type Prisma } from "../db";
import { AppError } from "../http/errors";
import { afterCursor, newestFirst, toPage } from "../http/pagination";
import { registerUploadedLab } from "../labs/register-upload";
import { createUpload, fileUrlFor, getUploadOrThrow } from "../uploads/service";
import { patientRef } from "./patients";
import { ABNORMAL_FLAGS, type LabListQuery, type Page, type PortalLabSummary } from "./schemas";

/** `Critical` is also its own filter. */
const CRITICAL_FLAGS = ["Critical"];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function listPortalLabs(organizationId: string, query: LabListQuery): Promise<Page<PortalLabSummary>> {
  const rows = await db.labResult.findMany({
    where: { organizationId, ...filters(query), ...afterCursor(query.cursor) },
    orderBy: newestFirst,
    take: query.limit + 1,
    select: summarySelect,
  });
  const page = toPage(rows, query.limit);
  const counts = await flagCounts(organizationId, page.items.map((row) => row.id));
  return { data: page.items.map((row) => serializePortalLab(row, counts.get(row.id))), nextCursor: page.nextCursor };
}

/** One lab's summary (what the list shows), for the answer to an upload or a re-run. */
export async function getPortalLabSummary(organizationId: string, labResultId: string): Promise<PortalLabSummary> {
  const row = await db.labResult.findFirst({ where: { id: labResultId, organizationId }, select: summarySelect });
  if (!row) throw new AppError("NOT_FOUND", "Lab result not found");
  return serializePortalLab(row, (await flagCounts(organizationId, [row.id])).get(row.id));
}

interface FlagCounts {
  abnormal: number;
  critical: number;
}

/** Abnormal and critical analytes per lab, for one page of labs in one grouped query. */
async function flagCounts(organizationId: string, labResultIds: string[]): Promise<Map<string, FlagCounts>> {
  const counts = new Map<string, FlagCounts>();
  if (!labResultIds.length) return counts;
  const groups = await db.analyte.groupBy({
    by: ["labResultId", "flag"],
    where: { organizationId, labResultId: { in: labResultIds }, flag: { in: [...ABNORMAL_FLAGS] } },
    _count: { _all: true },
  });
  for (const group of groups) {
    const entry = counts.get(group.labResultId) ?? { abnormal: 0, critical: 0 };
    entry.abnormal += group._count._all;
    if (group.flag && CRITICAL_FLAGS.includes(group.flag)) entry.critical += group._count._all;
    counts.set(group.labResultId, entry);
  }
  return counts;
}

function filters(query: LabListQuery): Prisma.LabResultWhereInput {
  const where: Prisma.LabResultWhereInput[] = [];
  if (query.status) where.push({ status: query.status });
  if (query.patientId) where.push({ memberId: query.patientId });
  if (query.from) where.push({ createdAt: { gte: new Date(query.from) } });
  if (query.to) where.push({ createdAt: { lt: new Date(query.to) } });
  if (query.results) where.push({ analytes: { some: { flag: { in: query.results === "critical" ? CRITICAL_FLAGS : [...ABNORMAL_FLAGS] } } } });
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" as const };
    where.push({ OR: [{ member: { displayName: contains } }, { member: { externalId: contains } }, { upload: { filename: contains } }] });
  }
  return where.length ? { AND: where } : {};
}

const summarySelect = {
  id: true,
  status: true,
  source: true,
  format: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
  failureReason: true,
  upload: { select: { filename: true } },
  member: { select: { id: true, displayName: true, externalId: true } },
  _count: { select: { analytes: true } },
} satisfies Prisma.LabResultSelect;

type SummaryRow = Prisma.LabResultGetPayload<{ select: typeof summarySelect }>;

function serializePortalLab(row: SummaryRow, counts: FlagCounts = { abnormal: 0, critical: 0 }): PortalLabSummary {
  return {
    id: row.id,
    status: row.status,
    source: row.source,
    format: row.format,
    fileName: row.upload?.filename ?? null,
    patient: row.member && patientRef(row.member),
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
    failureReason: row.failureReason,
    analyteCount: row._count.analytes,
    abnormalCount: counts.abnormal,
    criticalCount: counts.critical,
  };
}

/** Step one of the portal's upload: a pre-signed URL for a file of `patientId`, exactly as POST /v1/uploads. */
export async function createPortalUpload(
  organizationId: string,
  input: { patientId: string; fileName: string; contentType: string; size: number },
) {
  const upload = await createUpload({
    organizationId,
    memberId: input.patientId,
    filename: input.fileName,
    contentType: input.contentType,
    size: input.size,
  });
  return {
    uploadId: upload.uploadId,
    uploadUrl: upload.signed.url,
    method: upload.signed.method,
    headers: upload.signed.headers,
    expiresAt: upload.signed.expiresAt.toISOString(),
  };
}

/** Step two: the uploaded file becomes a lab and its pipeline starts, as POST /v1/users/{id}/labs/upload. */
export async function registerPortalUpload(organizationId: string, uploadId: string): Promise<PortalLabSummary> {
  const upload = await getUploadOrThrow(organizationId, uploadId);
  if (!upload.memberId) throw new AppError("CONFLICT", "This upload has no patient");
  const { labResultId } = await registerUploadedLab({ organizationId, memberId: upload.memberId, fileUrl: fileUrlFor(upload.id) });
  return getPortalLabSummary(organizationId, labResultId);
}
