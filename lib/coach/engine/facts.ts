/**
 * A panel and its findings as the coach's `MemberFacts`: the latest value of each analyte with its flag and
 * range, the changes over time (lib/clinical/trends.ts) and the findings with their cited statements. Pure, so
 * the member's facts read from the database (lib/coach/member-facts.ts) and the engine's tests share one shape.
 */
import type { InterpretedFinding } from "../../clinical/interpret";
import type { Panel, PanelValue } from "../../clinical/panel";
import { trends } from "../../clinical/trends";
import type { MemberFacts, MemberFinding } from "../types";

const iso = (at: Date | null) => at?.toISOString() ?? null;

export interface LabFindings {
  labResultId: string;
  findings: readonly InterpretedFinding[];
}

/** `labOf` names the lab each panel value came from; `labs` are oldest first. */
export function toMemberFacts(panel: Panel, labOf: (value: PanelValue) => string, labs: readonly LabFindings[]): MemberFacts {
  const results = panel.values.map((v) => ({
    code: v.code,
    name: v.name,
    value: v.value,
    valueText: v.text,
    unit: v.unit || null,
    flag: v.flag,
    referenceLow: v.reference?.low ?? null,
    referenceHigh: v.reference?.high ?? null,
    observedAt: iso(v.observedAt),
    labResultId: labOf(v),
  }));
  const findings: MemberFinding[] = labs.flatMap((lab) =>
    lab.findings.map((f) => ({
      id: f.id,
      title: f.title,
      patientTitle: f.patientTitle,
      severity: f.severity,
      analytes: f.analytes,
      patient: f.patient,
      clinician: f.clinician,
      ...(f.ask ? { ask: f.ask } : {}),
      labResultId: lab.labResultId,
    })),
  );
  // A finding of an earlier lab about an analyte a later lab measured again is history, not what to explain
  // today; of one rule's findings the newest lab's stands.
  const latestLab = new Map(results.map((r) => [r.code, r.labResultId]));
  const current = new Map<string, MemberFinding>();
  for (const f of findings) if (f.analytes.every((code) => !latestLab.has(code) || latestLab.get(code) === f.labResultId)) current.set(f.id, f);
  return {
    results,
    trends: trends(panel).map((t) => ({
      code: t.code,
      name: t.name,
      unit: t.unit,
      previous: t.previous,
      previousAt: iso(t.previousAt),
      current: t.current,
      currentAt: iso(t.currentAt),
      direction: t.direction,
    })),
    findings: [...current.values()],
    labReports: labs.length,
  };
}
