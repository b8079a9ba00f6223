/**
 * Patients as the portal shows them: the organisation's members, searched by name or external id, and created
 * by a clinician before an upload. The member API calls the same rows "users"; the portal calls them patients.
 */
import { db, Prisma } from "../db";
import { AppError, notFound } from "../http/errors";
import { afterCursor, newestFirst, toPage } from "../http/pagination";
import type { PortalPatient, PortalPatientRef } from "./schemas";

/** What `serializePatient` needs beside the member: its lab count and its latest lab's date. */
export const patientInclude = {
  _count: { select: { labResults: true } },
  labResults: { orderBy: newestFirst, take: 1, select: { createdAt: true } },
} as const;

export async function searchPatients(organizationId: string, query: { q?: string; limit: number; cursor?: string }) {
  const rows = await db.member.findMany({
    where: {
      organizationId,
      ...(query.q
        ? {
            OR: [
              { displayName: { contains: query.q, mode: "insensitive" as const } },
              { externalId: { contains: query.q, mode: "insensitive" as const } },
            ],
          }
        : {}),
      ...afterCursor(query.cursor),
    },
    orderBy: newestFirst,
    take: query.limit + 1,
    include: patientInclude,
  });
  const page = toPage(rows, query.limit);
  return { data: page.items.map(serializePatient), nextCursor: page.nextCursor };
}

export async function createPatient(organizationId: string, input: { name: string; externalId?: string }): Promise<PortalPatient> {
  try {
    const member = await db.member.create({ data: { organizationId, displayName: input.name, externalId: input.externalId ?? null } });
    return serializePatient({ ...member, _count: { labResults: 0 }, labResults: [] });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `A patient with the identifier ${input.externalId} already exists; search for them instead`);
    }
    throw error;
  }
}

export async function getPatientOrThrow(organizationId: string, patientId: string) {
  const member = await db.member.findFirst({ where: { id: patientId, organizationId } });
  if (!member) throw notFound("Patient");
  return member;
}

/** A member as the portal names a patient: its name and the clinic's identifier. */
export function patientRef(member: { id: string; displayName: string | null; externalId: string | null }): PortalPatientRef {
  return { id: member.id, name: member.displayName, externalId: member.externalId };
}

/** A member row, with its lab count and latest lab, as the portal shows a patient. */
export function serializePatient(row: {
  id: string;
  displayName: string | null;
  externalId: string | null;
  createdAt: Date;
  _count: { labResults: number };
  labResults: { createdAt: Date }[];
}): PortalPatient {
  return {
    ...patientRef(row),
    createdAt: row.createdAt.toISOString(),
    labCount: row._count.labResults,
    lastLabAt: row.labResults[0]?.createdAt.toISOString() ?? null,
  };
}
