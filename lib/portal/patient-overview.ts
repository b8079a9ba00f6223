/**
 * A patient's page: who they are and their results as trend series (./patient-series.ts). Two queries: the
 * patient (with their lab count and last lab), then every analyte of their ready labs with the lab's received
 * date. Analytes are read the way the clinical engine reads them (`panelValue`), so a chart and the engine's
 * trend sentence never disagree about which results are "the same analyte" or what their values are.
 */
import { uncataloguedCode } from "../clinical/panel";
import { db } from "../db";
import { notFound } from "../http/errors";
import { panelValue } from "../labs/pipeline/panel";
import { buildSeries } from "./patient-series";
import { patientInclude, serializePatient } from "./patients";
import type { PortalPatientOverview } from "./schemas";

export async function getPatientOverview(organizationId: string, patientId: string): Promise<PortalPatientOverview> {
  const member = await db.member.findFirst({
    where: { id: patientId, organizationId },
    include: patientInclude,
  });
  if (!member) throw notFound("Patient");
  const analytes = await db.analyte.findMany({
    where: { organizationId, labResult: { organizationId, memberId: member.id, status: "ready" } },
    include: { labResult: { select: { createdAt: true } } },
    orderBy: [{ labResultId: "asc" }, { position: "asc" }],
  });
  const series = buildSeries(
    analytes.map((a) => {
      const result = panelValue(a);
      // A calculated value the catalogue does not know is not the same analyte as a measured one of that name.
      const code = a.derived && result.kind === "raw" ? uncataloguedCode("derived", result.name.toLowerCase()) : result.code;
      return { labId: a.labResultId, receivedAt: a.labResult.createdAt, result: { ...result, code }, reportedNumber: a.valueNumber, reportedUnit: a.unit ?? a.rawUnit };
    }),
  );
  return { patient: serializePatient(member), series };
}
