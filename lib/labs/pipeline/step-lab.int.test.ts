/**
 * The steps read their lab through one prepared statement: each column must come back as Prisma's model
 * returns it (JSON parsed, dates as Date, the status as its enum's string), and another organisation's id
 * finds nothing, with Prisma's not-found code.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { createOrganization } from "../../organizations";
import { readStepLab, type StepLab } from "./step-lab";

const newOrganization = async () => (await createOrganization({ name: `Step lab ${Date.now()}-${Math.random().toString(36).slice(2, 8)}` })).organization;

describe("readStepLab", () => {
  it("returns the columns the steps read, exactly as Prisma returns them", async () => {
    const organization = await newOrganization();
    const member = await db.member.create({ data: { organizationId: organization.id, externalId: `m-${Date.now()}` } });
    const lab = await db.labResult.create({
      data: {
        organizationId: organization.id,
        memberId: member.id,
        source: "upload",
        status: "processing",
        patientContext: { version: 1, context: { age: "54", gender: "female", conditions: ["CKD"] } },
        skipped: { version: 1, entries: [{ reason: "page 2 unreadable" }] },
        metadata: { trends: [] },
        findings: { version: 1, findings: [{ title: "Kidney function", severity: "moderate" }] },
        insightsMatched: 3,
      },
    });
    const keys: (keyof StepLab)[] = ["id", "organizationId", "memberId", "status", "patientContext", "skipped", "metadata", "findings", "microbiology", "insightsMatched", "createdAt"];
    const expected = await db.labResult.findUniqueOrThrow({ where: { id: lab.id }, select: Object.fromEntries(keys.map((k) => [k, true])) });

    const read = await readStepLab({ labResultId: lab.id, organizationId: organization.id });
    expect(read).toEqual(expected);
    expect(Object.keys(read).sort()).toEqual([...keys].sort());
    expect(read.createdAt).toBeInstanceOf(Date);

    const other = await newOrganization();
    await expect(readStepLab({ labResultId: lab.id, organizationId: other.id })).rejects.toMatchObject({ code: "P2025" });
  });
});
