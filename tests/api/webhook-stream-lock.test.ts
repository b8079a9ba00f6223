/**
 * A delivery's claim locks its stream by the key it reads from the delivery's row in SQL
 * (lib/webhooks/ordering.ts `lockStreamOfDelivery`); parking and waking lock it by `streamOf`'s key in
 * JavaScript. They must be one lock, or a claim and a wake could decide about one stream at once.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/organizations";
import { createEndpoint } from "@/lib/webhooks";
import { lockStreamOfDelivery, streamOf } from "@/lib/webhooks/ordering";

const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(() => other.connect());
afterAll(() => other.end());

/** Whether another session can take the advisory lock `key` now (and gives it back if it could). */
async function free(key: string): Promise<boolean> {
  const { rows } = await other.query<{ taken: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken", [key]);
  if (rows[0].taken) await other.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
  return rows[0].taken;
}

describe("the stream lock a claim takes", () => {
  it("is the lock streamOf names, for an endpoint's stream and for an ad-hoc URL's", async () => {
    const { organization } = await createOrganization({ name: `Stream lock ${randomUUID().slice(0, 8)}` });
    const organizationId = organization.id;
    const lab = await db.labResult.create({ data: { organizationId, source: "agent_run", webhookUrl: "https://partner.example/hooks" } });
    const endpoint = await createEndpoint({ organizationId, url: "http://127.0.0.1:9/endpoint" });
    const base = { organizationId, labResultId: lab.id, eventType: "lab.results_ready", payload: {}, sequenceNumber: 1 };
    const toEndpoint = await db.webhookDelivery.create({ data: { ...base, endpointId: endpoint.id, url: endpoint.url } });
    const toUrl = await db.webhookDelivery.create({ data: { ...base, url: "https://partner.example/hooks" } });

    for (const delivery of [toEndpoint, toUrl]) {
      const key = streamOf(delivery)!.key;
      let heldInside: boolean | undefined;
      await db.$transaction(async (tx) => {
        expect(await lockStreamOfDelivery(tx, delivery.id, organizationId)).toBe(true);
        heldInside = !(await free(key));
      });
      expect(heldInside).toBe(true);
      expect(await free(key)).toBe(true);
    }
  });

  it("finds no delivery of another organisation, and locks nothing", async () => {
    const { organization } = await createOrganization({ name: `Stream lock ${randomUUID().slice(0, 8)}` });
    const { organization: stranger } = await createOrganization({ name: `Stranger ${randomUUID().slice(0, 8)}` });
    const lab = await db.labResult.create({ data: { organizationId: organization.id, source: "agent_run", webhookUrl: "https://partner.example/hooks" } });
    const delivery = await db.webhookDelivery.create({
      data: { organizationId: organization.id, labResultId: lab.id, url: "https://partner.example/hooks", eventType: "lab_results.status", payload: {}, sequenceNumber: 1 },
    });
    await db.$transaction(async (tx) => {
      expect(await lockStreamOfDelivery(tx, delivery.id, stranger.id)).toBe(false);
      expect(await free(streamOf(delivery)!.key)).toBe(true);
    });
  });
});
