/**
 * pipeline.deidentify and pipeline.map_to_fhir: scrub direct identifiers from free text, then flag each
 * analyte against its reference range.
 */
import { flagAgainstRange, type Flag } from "../../clinical/flags";
import { db } from "../../db";
import { deidentifyText } from "../../ingest";

export async function deidentifyLab(labResultId: string): Promise<{ notesScrubbed: number }> {
  const withNotes = await db.analyte.findMany({ where: { labResultId, notes: { not: null } }, select: { id: true, notes: true } });
  let notesScrubbed = 0;
  for (const analyte of withNotes) {
    const clean = deidentifyText(analyte.notes!).text;
    if (clean !== analyte.notes) {
      notesScrubbed++;
      await db.analyte.update({ where: { id: analyte.id }, data: { notes: clean } });
    }
  }
  return { notesScrubbed };
}

export async function mapAnalytes(labResultId: string): Promise<{ flagged: number }> {
  const analytes = await db.analyte.findMany({ where: { labResultId } });
  // One UPDATE per distinct flag rather than one per analyte: a panel has dozens of rows, a handful of flags.
  const idsByFlag = new Map<Flag | null, string[]>();
  for (const a of analytes) {
    const flag = flagAgainstRange({
      valueNumber: a.valueNumber,
      comparator: a.valueComparator,
      valueText: a.valueText,
      unit: a.unit,
      range: { low: a.referenceLow, high: a.referenceHigh, unit: a.unit },
      reportedFlag: a.rawFlag,
    });
    idsByFlag.set(flag, [...(idsByFlag.get(flag) ?? []), a.id]);
  }
  await db.$transaction([...idsByFlag].map(([flag, ids]) => db.analyte.updateMany({ where: { id: { in: ids } }, data: { flag } })));
  const flagged = [...idsByFlag].filter(([flag]) => flag && flag !== "Normal").reduce((sum, [, ids]) => sum + ids.length, 0);
  return { flagged };
}
