/**
 * The steps read a lab's analytes through a prepared statement of their own SQL, not through Prisma: every row
 * must still be exactly what Prisma's model returns (every column, its name and its type), in position order
 * across chunks, and only this lab's, within its organisation. A column added to the model and not to the
 * statement fails here.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { createOrganization } from "../../organizations";
import { analyteChunks, CHUNK } from "./analyte-chunks";

async function seedLab(rows: number) {
  const { organization } = await createOrganization({ name: `Chunks ${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  const lab = await db.labResult.create({ data: { organizationId: organization.id, source: "agent_run", status: "processing" } });
  await db.analyte.createMany({
    data: Array.from({ length: rows }, (_, position) => ({
      organizationId: organization.id,
      labResultId: lab.id,
      // Out of insertion order, so that the order comes from `position`.
      position: rows - 1 - position,
      rawName: `Analyte ${position}`,
      rawValue: position % 3 ? String(position / 4) : "positive",
      rawUnit: position % 2 ? "mg/dL" : null,
      rawRange: "1-2",
      rawFlag: position % 5 ? null : "H",
      rawDate: "2025-01-15",
      notes: position % 7 ? null : "note",
      code: `C${position}`,
      loinc: position % 2 ? "2345-7" : null,
      displayName: `Display ${position}`,
      category: "metabolic",
      valueNumber: position % 3 ? position / 4 : null,
      valueComparator: position % 11 ? null : "<",
      valueText: position % 3 ? null : "positive",
      unit: "mg/dL",
      normalizedValue: position % 3 ? position / 4 : null,
      normalizedUnit: "mg/dL",
      referenceLow: 1,
      referenceHigh: position % 2 ? 2.5 : null,
      referenceText: "1-2",
      referenceSource: "lab",
      flag: position % 5 ? "Normal" : "High",
      resultStatus: position % 13 ? null : "preliminary",
      derived: position % 4 === 0,
      observedAt: position % 2 ? new Date("2025-01-15T08:30:00.123Z") : null,
    })),
  });
  return { labResultId: lab.id, organizationId: organization.id };
}

async function collect(chunks: AsyncGenerator<unknown[]>) {
  const sizes: number[] = [];
  const rows: unknown[] = [];
  for await (const chunk of chunks) {
    sizes.push(chunk.length);
    rows.push(...chunk);
  }
  return { sizes, rows };
}

describe("analyteChunks", () => {
  it("returns Prisma's rows, every column typed as the model types it, in position order and in chunks", async () => {
    const lab = await seedLab(CHUNK + 7);
    const other = await seedLab(3);
    const expected = await db.analyte.findMany({ where: lab, orderBy: { position: "asc" } });

    const { sizes, rows } = await collect(analyteChunks(lab));
    expect(sizes).toEqual([CHUNK, 7]);
    expect(rows).toEqual(expected);
    expect(Object.keys(rows[0] as object).sort()).toEqual(Object.keys(expected[0]).sort());

    const measured = await collect(analyteChunks(lab, "measured"));
    expect(measured.rows).toEqual(expected.filter((row) => !row.derived));

    // Another organisation's id with this lab's: nothing.
    expect((await collect(analyteChunks({ labResultId: lab.labResultId, organizationId: other.organizationId }))).rows).toEqual([]);
  });
});
