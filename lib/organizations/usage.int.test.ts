/**
 * The month's usage against a real database: what counts (labs that finished ready or failed, agent runs
 * requested, deliveries that succeeded), on which UTC day, and what does not (another month, another
 * organisation, a lab still running, a failed delivery).
 */
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createOrganization } from "./index";
import { organizationUsage } from "./usage";

const at = (iso: string) => new Date(iso);

async function tenant() {
  return (await createOrganization({ name: "Usage test" })).organization.id;
}

async function lab(organizationId: string, data: { source?: "upload" | "agent_run"; status: "pending" | "processing" | "ready" | "failed"; createdAt: string; completedAt?: string }) {
  await db.labResult.create({
    data: { organizationId, source: data.source ?? "upload", status: data.status, createdAt: at(data.createdAt), completedAt: data.completedAt ? at(data.completedAt) : null },
  });
}

async function delivery(organizationId: string, status: "succeeded" | "failed" | "dead_letter", deliveredAt: string | null, createdAt = "2026-03-01T00:00:00Z") {
  await db.webhookDelivery.create({
    data: { organizationId, url: "https://hooks.example.test/in", eventType: "lab.ready", payload: {}, status, deliveredAt: deliveredAt ? at(deliveredAt) : null, createdAt: at(createdAt) },
  });
}

describe("organizationUsage", () => {
  it("counts this UTC month's processed labs, agent runs and delivered webhooks by UTC day", async () => {
    const organizationId = await tenant();
    const other = await tenant();
    // Labs processed: on the day they finished (UTC), ready or failed; not the one still running.
    await lab(organizationId, { status: "ready", createdAt: "2026-02-28T23:00:00Z", completedAt: "2026-03-01T00:30:00Z" });
    await lab(organizationId, { status: "failed", createdAt: "2026-03-02T10:00:00Z", completedAt: "2026-03-02T10:05:00Z" });
    await lab(organizationId, { status: "ready", createdAt: "2026-03-02T23:50:00Z", completedAt: "2026-03-02T23:59:59.999Z" });
    await lab(organizationId, { status: "processing", createdAt: "2026-03-03T09:00:00Z" });
    await lab(organizationId, { status: "ready", createdAt: "2026-02-27T09:00:00Z", completedAt: "2026-02-28T23:59:59Z" });
    // Agent runs: on the day they were requested, whatever became of them.
    await lab(organizationId, { source: "agent_run", status: "processing", createdAt: "2026-03-03T08:00:00Z" });
    await lab(organizationId, { source: "agent_run", status: "failed", createdAt: "2026-03-03T09:00:00Z", completedAt: "2026-03-03T09:00:01Z" });
    // Webhooks delivered: succeeded ones, on the day they succeeded.
    await delivery(organizationId, "succeeded", "2026-03-01T12:00:00Z");
    await delivery(organizationId, "succeeded", "2026-03-03T12:00:00Z");
    await delivery(organizationId, "failed", null);
    await delivery(organizationId, "dead_letter", null);
    await delivery(organizationId, "succeeded", "2026-02-28T12:00:00Z", "2026-02-28T12:00:00Z");
    // Another organisation's usage is theirs.
    await lab(other, { status: "ready", createdAt: "2026-03-01T10:00:00Z", completedAt: "2026-03-01T10:01:00Z" });
    await delivery(other, "succeeded", "2026-03-01T10:02:00Z");

    const usage = await organizationUsage(organizationId, at("2026-03-03T18:00:00Z"));
    expect(usage).toEqual({
      month: "2026-03",
      totals: { labsProcessed: 4, agentRuns: 2, webhooksDelivered: 2 },
      days: [
        { date: "2026-03-01", labsProcessed: 1, agentRuns: 0, webhooksDelivered: 1 },
        { date: "2026-03-02", labsProcessed: 2, agentRuns: 0, webhooksDelivered: 0 },
        { date: "2026-03-03", labsProcessed: 1, agentRuns: 2, webhooksDelivered: 1 },
      ],
    });
  });

  it("is all zeros for an organisation that has done nothing yet", async () => {
    const usage = await organizationUsage(await tenant(), at("2026-04-02T00:00:00Z"));
    expect(usage.totals).toEqual({ labsProcessed: 0, agentRuns: 0, webhooksDelivered: 0 });
    expect(usage.days.map((d) => d.date)).toEqual(["2026-04-01", "2026-04-02"]);
  });
});
