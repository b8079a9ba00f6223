/**
 * pipeline.deidentify and pipeline.map_to_fhir: scrub direct identifiers from free text, then flag each
 * analyte against its reference range.
 */
import { flagAgainstRange } from "../../clinical/flags";
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
  let flagged = 0;
  await db.$transaction(
    analytes.map((a) => {
      const flag = flagAgainstRange({
        valueNumber: a.valueNumber,
        comparator: a.valueComparator,
        valueText: a.valueText,
        unit: a.unit,
        range: { low: a.referenceLow, high: a.referenceHigh, unit: a.unit },
        reportedFlag: a.rawFlag,
      });
      if (flag && flag !== "Normal") flagged++;
      return db.analyte.update({ where: { id: a.id }, data: { flag } });
    }),
  );
  return { flagged };
}
