/**
 * A delivery run goes on to the next delivery of its stream (lib/webhooks/delivery.ts `takeNextOfStream`)
 * only when nobody else will deliver it: parked behind the one just settled, or already reserved for this
 * run by an earlier try of the same step. A head that is due has its own announced run and is left to it.
 * When the run fails, the delivery it had gone on to goes back to the outbox with the one it started from.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, type DeliveryStatus } from "@/lib/db";
import { createOrganization } from "@/lib/organizations";
import { HANDED_ON_GRACE_MS, requeueAfterRunFailure, takeNextOfStream } from "@/lib/webhooks/delivery";

/** A lab's stream to one URL: deliveries 1..n with the given statuses and due times (null: parked). */
async function stream(rows: { status: DeliveryStatus; nextAttemptAt: Date | null }[]) {
  const { organization } = await createOrganization({ name: `Hand-on ${randomUUID().slice(0, 8)}` });
  const organizationId = organization.id;
  const lab = await db.labResult.create({ data: { organizationId, source: "agent_run", webhookUrl: "https://partner.example/hooks" } });
  const deliveries = [];
  for (const [i, row] of rows.entries()) {
    deliveries.push(
      await db.webhookDelivery.create({
        data: { organizationId, labResultId: lab.id, url: "https://partner.example/hooks", eventType: "lab_results.status", payload: { n: i + 1 }, sequenceNumber: i + 1, ...row },
      }),
    );
  }
  return { organizationId, ids: deliveries.map((d) => d.id) };
}

const ref = (organizationId: string, deliveryId: string) => ({ organizationId, deliveryId });

describe("handing a stream on to the run that delivered its head", () => {
  it("takes the parked next delivery, reserves it past the sweep, and takes it again on a re-run of the step", async () => {
    const { organizationId, ids } = await stream([
      { status: "succeeded", nextAttemptAt: null },
      { status: "pending", nextAttemptAt: null },
      { status: "pending", nextAttemptAt: null },
    ]);
    const before = Date.now();
    expect(await takeNextOfStream(ref(organizationId, ids[0]))).toEqual(ref(organizationId, ids[1]));
    const taken = await db.webhookDelivery.findUniqueOrThrow({ where: { id: ids[1] } });
    expect(taken.status).toBe("pending");
    expect(taken.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + HANDED_ON_GRACE_MS);
    // The step ran again after its result was lost: the same delivery, still this run's.
    expect(await takeNextOfStream(ref(organizationId, ids[0]))).toEqual(ref(organizationId, ids[1]));
    // The one after it stays parked: it is not the head.
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: ids[2] } })).nextAttemptAt).toBeNull();
  });

  it("leaves a head that is due, or being delivered, to the run that has it", async () => {
    for (const head of [
      { status: "pending" as const, nextAttemptAt: new Date(Date.now() - 1000) },
      { status: "delivering" as const, nextAttemptAt: null },
      { status: "failed" as const, nextAttemptAt: new Date(Date.now() + 60_000) },
    ]) {
      const { organizationId, ids } = await stream([{ status: "succeeded", nextAttemptAt: null }, head]);
      expect(await takeNextOfStream(ref(organizationId, ids[0]))).toBeNull();
      expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: ids[1] } })).toMatchObject(head);
    }
  });

  it("has nothing to take when the stream has settled", async () => {
    const { organizationId, ids } = await stream([{ status: "succeeded", nextAttemptAt: null }]);
    expect(await takeNextOfStream(ref(organizationId, ids[0]))).toBeNull();
  });

  it("requeues the delivery the failed run had gone on to, with the one it started from", async () => {
    const { organizationId, ids } = await stream([
      { status: "succeeded", nextAttemptAt: null },
      { status: "delivering", nextAttemptAt: null },
      { status: "pending", nextAttemptAt: null },
    ]);
    await requeueAfterRunFailure(ref(organizationId, ids[0]), "database unreachable");
    const rows = await db.webhookDelivery.findMany({ where: { id: { in: ids } }, orderBy: { sequenceNumber: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["succeeded", "pending", "pending"]);
    expect(rows[1].nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(rows[1].lastError).toContain("database unreachable");
    expect(rows[2].nextAttemptAt).toBeNull();
  });
});
