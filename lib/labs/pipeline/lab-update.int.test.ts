/**
 * A step's change to its lab, as one prepared statement: each column arrives as Prisma would have written it
 * (JSON as JSON, null JSON as SQL NULL, dates, enums), `updated_at` moves, and another organisation's id
 * changes nothing and throws Prisma's not-found.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { createOrganization } from "../../organizations";
import { updateLab } from "./lab-update";

const newOrganization = async () => (await createOrganization({ name: `Lab update ${Date.now()}-${Math.random().toString(36).slice(2, 8)}` })).organization;

describe("updateLab", () => {
  it("writes each column as Prisma would, moves updated_at, and answers with what webhooks need", async () => {
    const organization = await newOrganization();
    const lab = await db.labResult.create({
      data: { organizationId: organization.id, source: "agent_run", status: "pending", webhookUrl: "https://partner.example/hook", skipped: { v: 1, entries: [] } },
    });
    const startedAt = new Date("2025-01-15T08:30:00.123Z");
    const changed = await updateLab(
      { labResultId: lab.id, organizationId: organization.id },
      { status: "processing", startedAt, format: "csv", labsReceived: 60, skipped: null, findings: { v: 1, findings: [{ title: "Kidney" }] }, patientResponse: "# Hello" },
    );
    expect(changed).toEqual({ id: lab.id, organizationId: organization.id, source: "agent_run", webhookUrl: "https://partner.example/hook" });

    const stored = await db.labResult.findUniqueOrThrow({ where: { id: lab.id } });
    expect(stored).toMatchObject({ status: "processing", startedAt, format: "csv", labsReceived: 60, skipped: null, findings: { v: 1, findings: [{ title: "Kidney" }] }, patientResponse: "# Hello" });
    expect(stored.updatedAt.getTime()).toBeGreaterThan(lab.updatedAt.getTime());
    // Columns not named are left as they were.
    expect(stored).toMatchObject({ metadata: null, clinicianResponse: null, webhookUrl: "https://partner.example/hook" });
  });

  it("changes nothing in another organisation's lab", async () => {
    const organization = await newOrganization();
    const other = await newOrganization();
    const lab = await db.labResult.create({ data: { organizationId: organization.id, source: "upload", status: "pending" } });
    await expect(updateLab({ labResultId: lab.id, organizationId: other.id }, { status: "processing" })).rejects.toMatchObject({ code: "P2025" });
    expect((await db.labResult.findUniqueOrThrow({ where: { id: lab.id } })).status).toBe("pending");
  });
});
