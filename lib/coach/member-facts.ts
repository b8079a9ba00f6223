/**
 * The member's own lab facts, the only things the coach may state about them: the latest value of each
 * analyte across their READY labs, the changes over time (distinct instants only) and the findings the
 * clinical engine stored for those labs. Pending and failed labs, other members' and other organisations'
 * labs are never read. The panel is built the way the pipeline builds it (lib/labs/pipeline/panel.ts
 * `panelValue`, lib/clinical/panel.ts `buildPanel`, lib/clinical/trends.ts), over all of the member's labs at once.
 */
import { buildPanel, type PanelValue } from "../clinical/panel";
import { db } from "../db";
import { readFindings } from "../labs/codecs";
import { panelValue } from "../labs/pipeline/panel";
import { toMemberFacts } from "./engine/facts";
import type { MemberFacts } from "./types";

export async function memberFacts(organizationId: string, memberId: string): Promise<MemberFacts> {
  const labs = await db.labResult.findMany({
    where: { organizationId, memberId, status: "ready" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, createdAt: true, findings: true },
  });
  if (!labs.length) return { results: [], trends: [], findings: [], labReports: 0 };

  const created = new Map(labs.map((lab) => [lab.id, lab.createdAt]));
  const rows = await db.analyte.findMany({
    where: { organizationId, labResultId: { in: labs.map((lab) => lab.id) } },
    orderBy: [{ labResultId: "asc" }, { position: "asc" }],
  });
  // Where each value came from; a result without a date is dated by its lab, so labs order among themselves.
  const labOf = new Map<PanelValue, string>();
  const values = rows.map((row) => {
    const value: PanelValue = { ...panelValue(row), observedAt: row.observedAt ?? created.get(row.labResultId)! };
    labOf.set(value, row.labResultId);
    return value;
  });
  // Oldest lab first, so that of two results at the same instant the later lab's is the latest (buildPanel).
  const order = new Map(labs.map((lab, i) => [lab.id, i]));
  values.sort((a, b) => order.get(labOf.get(a)!)! - order.get(labOf.get(b)!)!);
  const panel = buildPanel(values);

  return toMemberFacts(panel, (v) => labOf.get(v)!, labs.map((lab) => ({ labResultId: lab.id, findings: readFindings(lab.findings, lab.id) })));
}
