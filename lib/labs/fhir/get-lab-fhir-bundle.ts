/**
 * The lab's FHIR R4 Bundle as every surface serves it (member API, submissions API, portal download): built
 * on request from the analytes as stored once the lab is `ready`, so the values derived in run_inference
 * are in it. A lab that is not ready yet has no final report: 409 with what to do, rather than a
 * preliminary Bundle a receiver could file as the result.
 */
import { db } from "../../db";
import { AppError, notFound } from "../../http/errors";
import { readFindings } from "../codecs";
import { buildLabFhirBundle, type LabFhirBundle } from "./build-bundle";

/** A lab already resolved to its organisation (and, on the member surface, its member). */
export interface LabFhirScope {
  labResultId: string;
  organizationId: string;
  /** Set on the member surface: a lab of another member of the organisation is not found. */
  memberId?: string;
}

export const LAB_NOT_READY = "This lab's FHIR Bundle is available once the lab is ready: poll the lab until its status is `ready`";

export async function getLabFhirBundle({ labResultId, organizationId, memberId }: LabFhirScope): Promise<LabFhirBundle> {
  const lab = await db.labResult.findFirst({
    where: { id: labResultId, organizationId, ...(memberId ? { memberId } : {}) },
    select: { id: true, status: true, findings: true, completedAt: true, updatedAt: true, analytes: { orderBy: { position: "asc" } } },
  });
  if (!lab) throw notFound("Lab result");
  if (lab.status !== "ready") {
    throw new AppError("CONFLICT", lab.status === "failed" ? "This lab failed to process and has no FHIR Bundle" : LAB_NOT_READY);
  }
  return buildLabFhirBundle({
    id: lab.id,
    status: lab.status,
    issued: lab.completedAt ?? lab.updatedAt,
    analytes: lab.analytes,
    findingTitles: readFindings(lab.findings, lab.id).map((f) => f.title),
  });
}
