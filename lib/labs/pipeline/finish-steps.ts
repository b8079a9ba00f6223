/**
 * pipeline.run_inference, pipeline.write_artifacts and pipeline.dispatch_webhooks as they stand before the
 * clinical engine's rules (issue 4) and webhooks (issue 5) land: derived values are added, findings are the
 * results outside their range, most severe first, and the lab becomes `ready`. The failure path records a
 * reason a person can act on.
 */
import { CATALOGUE } from "../../clinical/catalogue";
import { derivePanel } from "../../clinical/derive-panel";
import { identify, normalizeAnalyte } from "../../clinical/normalize";
import { patientFacts } from "../../clinical/patient";
import { db, Prisma } from "../../db";

const SEVERITY: Record<string, number> = { Critical: 0, High: 1, Low: 1, Abnormal: 2, Indeterminate: 3 };

/**
 * Adds the values the measured analytes allow (eGFR, non-HDL, LDL, anion gap, …) as analytes marked
 * `derived`, flagged like measured ones. Replaces earlier derived rows, so a retried step adds nothing twice.
 * With a history (several dates per analyte), the latest value of each is used.
 */
export async function addDerivedValues(labResultId: string): Promise<number> {
  const lab = await db.labResult.findUniqueOrThrow({ where: { id: labResultId }, select: { organizationId: true, patientContext: true } });
  await db.analyte.deleteMany({ where: { labResultId, derived: true } });
  const analytes = await db.analyte.findMany({ where: { labResultId, normalizedValue: { not: null } }, orderBy: { position: "asc" } });
  const latest = new Map<string, { value: number; at: number }>();
  for (const a of analytes) {
    const code = identify(a.rawName, a.loinc)?.code;
    const at = a.observedAt?.getTime() ?? 0;
    if (code && (!latest.has(code) || at >= latest.get(code)!.at)) latest.set(code, { value: a.normalizedValue!, at });
  }
  const patient = patientFacts(lab.patientContext);
  const derived = derivePanel(new Map([...latest].map(([code, { value }]) => [code, value])), patient);
  const position = (await db.analyte.aggregate({ where: { labResultId }, _max: { position: true } }))._max.position ?? -1;
  await db.analyte.createMany({
    data: derived.map((d, i) => {
      const definition = d.code ? CATALOGUE.find((c) => c.code === d.code) : undefined;
      const n = normalizeAnalyte({ name: d.name, loinc: definition?.loinc[0], valueNumber: d.value, unit: d.unit }, patient);
      return {
        organizationId: lab.organizationId,
        labResultId,
        position: position + 1 + i,
        rawName: d.name,
        rawValue: String(d.value),
        rawUnit: d.unit,
        notes: `Calculated: ${d.formula}`,
        derived: true,
        loinc: n.loinc,
        displayName: n.displayName,
        category: n.category,
        valueNumber: d.value,
        unit: n.unit ?? d.unit,
        normalizedValue: n.normalizedValue,
        normalizedUnit: n.normalizedUnit,
        referenceLow: n.reference?.low,
        referenceHigh: n.reference?.high,
        referenceSource: n.reference?.source,
        flag: n.flag,
      };
    }),
  });
  return derived.length;
}

export async function runInference(labResultId: string): Promise<{ findings: number; derived: number }> {
  const derivedCount = await addDerivedValues(labResultId);
  const analytes = await db.analyte.findMany({ where: { labResultId, flag: { in: Object.keys(SEVERITY) } }, orderBy: { position: "asc" } });
  const findings = analytes
    .sort((a, b) => SEVERITY[a.flag!] - SEVERITY[b.flag!])
    .map((a) => ({
      analyte: a.displayName ?? a.rawName,
      value: a.rawValue,
      unit: a.unit,
      reference_range: a.rawRange ?? a.referenceText,
      flag: a.flag,
      severity: a.flag === "Critical" ? "critical" : a.flag === "Indeterminate" ? "info" : "abnormal",
    }));
  await db.labResult.update({
    where: { id: labResultId },
    data: { findings: findings as unknown as Prisma.InputJsonValue, labsAnalyzed: await db.analyte.count({ where: { labResultId, derived: false } }) },
  });
  return { findings: findings.length, derived: derivedCount };
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
