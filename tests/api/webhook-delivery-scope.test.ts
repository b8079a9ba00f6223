/**
 * A delivery run keeps to the organisation its announcement names, as the pipeline steps do: an announcement
 * naming organisation A's delivery under organisation B claims, attempts, releases and requeues nothing.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/organizations";
import { attemptDelivery, claimDelivery, enqueueDelivery, releaseStream, requeueAfterRunFailure, takeNextOfStream } from "@/lib/webhooks";

async function organization() {
  return (await createOrganization({ name: `Scope ${randomUUID().slice(0, 8)}` })).organization.id;
}

describe("a webhook delivery announced under another organisation", () => {
  it("is not found, and nothing about it changes", async () => {
    const owner = await organization();
    const other = await organization();
    const delivery = await db.$transaction((tx) =>
      enqueueDelivery(tx, { organizationId: owner, url: "https://partner.example/hooks/scope", eventType: "labResultsComplete", payload: { ok: true } }),
    );
    const before = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    const foreign = { deliveryId: delivery.id, organizationId: other };

    expect(await claimDelivery(foreign)).toEqual({ action: "missing" });
    await expect(attemptDelivery(foreign, null)).rejects.toMatchObject({ code: "P2025" });
    expect(await releaseStream(foreign)).toEqual([]);
    expect(await takeNextOfStream(foreign)).toBeNull();
    await requeueAfterRunFailure(foreign, "probe");

    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toEqual(before);
    expect(await db.webhookAttempt.count({ where: { deliveryId: delivery.id } })).toBe(0);
  });

  it("is claimed when the announcement names its own organisation", async () => {
    const owner = await organization();
    const delivery = await db.$transaction((tx) =>
      enqueueDelivery(tx, { organizationId: owner, url: "https://partner.example/hooks/scope", eventType: "labResultsComplete", payload: { ok: true } }),
    );
    expect(await claimDelivery({ deliveryId: delivery.id, organizationId: owner })).toMatchObject({ action: "deliver" });
  });
});
