/**
 * pipeline.run_inference, pipeline.write_artifacts and pipeline.dispatch_webhooks as they stand before the
 * clinical engine (issue 4) and webhooks (issue 5) land: findings are the results outside their range,
 * most severe first, and the lab becomes `ready`. The failure path records a reason a person can act on.
 */
import { db, Prisma } from "../../db";

const SEVERITY: Record<string, number> = { Critical: 0, High: 1, Low: 1, Abnormal: 2, Indeterminate: 3 };

export async function runInference(labResultId: string): Promise<{ findings: number }> {
  const analytes = await db.analyte.findMany({ where: { labResultId, flag: { in: Object.keys(SEVERITY) } }, orderBy: { position: "asc" } });
  const findings = analytes
    .sort((a, b) => SEVERITY[a.flag!] - SEVERITY[b.flag!])
    .map((a) => ({
      analyte: a.displayName ?? a.rawName,
      value: a.rawValue,
      unit: a.unit,
      reference_range: a.rawRange,
      flag: a.flag,
      severity: a.flag === "Critical" ? "critical" : a.flag === "Indeterminate" ? "info" : "abnormal",
    }));
  await db.labResult.update({
    where: { id: labResultId },
    data: { findings: findings as unknown as Prisma.InputJsonValue, labsAnalyzed: await db.analyte.count({ where: { labResultId } }) },
  });
  return { findings: findings.length };
}

export async function completeLab(labResultId: string): Promise<void> {
  await db.labResult.update({ where: { id: labResultId }, data: { status: "ready", completedAt: new Date(), failureReason: null } });
}

export async function failLab(labResultId: string, reason: string): Promise<void> {
  await db.labResult.updateMany({
    where: { id: labResultId, status: { not: "ready" } },
    data: { status: "failed", failureReason: reason.slice(0, 1000), completedAt: new Date() },
  });
}
