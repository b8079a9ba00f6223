/**
 * A delivery left `delivering` by a run that ended without attempting it would hold its whole stream forever:
 * the outbox sweep (lib/webhooks/outbox.ts `dispatchPending`) queues it again once it has been `delivering`
 * for longer than any attempt takes, and announces it. One claimed a moment ago is left to its run.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/organizations";
import { abandonedClaimAfterMs, dispatchPending, requeueAbandonedClaims } from "@/lib/webhooks/outbox";

async function claimedDelivery(claimedMsAgo: number) {
  const { organization } = await createOrganization({ name: `Abandoned ${randomUUID().slice(0, 8)}` });
  const lab = await db.labResult.create({ data: { organizationId: organization.id, source: "agent_run", webhookUrl: "https://partner.example/hooks" } });
  const delivery = await db.webhookDelivery.create({
    data: { organizationId: organization.id, labResultId: lab.id, url: "https://partner.example/hooks", eventType: "lab_results.status", payload: { n: 1 }, sequenceNumber: 1, status: "delivering", nextAttemptAt: null },
  });
  // updated_at is set by Prisma on every write: put the claim back in time underneath it.
  await db.$executeRaw`UPDATE webhook_deliveries SET updated_at = ${new Date(Date.now() - claimedMsAgo)} WHERE id = ${delivery.id}::uuid`;
  return delivery.id;
}

describe("the outbox sweep and a claim nobody attempted", () => {
  it("queues again, due now, a delivery `delivering` for longer than an attempt can take; the sweep announces it", async () => {
    const id = await claimedDelivery(abandonedClaimAfterMs() + 5_000);
    const before = Date.now();
    await requeueAbandonedClaims();
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    // Another test file's sweep may announce it at once, and its executor refuse the example URL: attempted, then.
    if (row.status === "pending") {
      expect(row.attempts).toBe(0);
      expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.lastError).toMatch(/ended without attempting/);
    } else expect(row.attempts).toBeGreaterThan(0);

    const again = await claimedDelivery(abandonedClaimAfterMs() + 5_000);
    expect(await dispatchPending()).toBeGreaterThanOrEqual(1);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: again } })).status).not.toBe("delivering");
  });

  it("leaves a delivery claimed a moment ago to the run attempting it", async () => {
    const id = await claimedDelivery(1_000);
    await dispatchPending();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "delivering", nextAttemptAt: null, lastError: null });
  });
});
