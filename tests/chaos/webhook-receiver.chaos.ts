/**
 * A partner's webhook receiver down for a while, then back: every lifecycle event of every lab arrives, each
 * under one `webhook-id`, and each lab's events arrive in their order (sequence numbers 1, 2, 3, … with no
 * gap), although the labs themselves finished while nobody was listening.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panelCsv } from "../fixtures/panel";
import { WebhookReceiver } from "../support/webhook-receiver";
import { Partner, until } from "./client";
import { Cluster } from "../support/cluster";

let cluster: Cluster;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
  cluster = await Cluster.start({
    dir: await mkdtemp(path.join(os.tmpdir(), "labwise-chaos-")),
    appEnv: { WEBHOOK_RETRY_SCHEDULE: "0,1s,1s,2s,2s,2s,2s,2s,2s,2s,2s,2s" },
  });
});

afterAll(async () => {
  await cluster?.stop();
  await receiver.stop().catch(() => undefined);
});

describe("a webhook receiver that is down, then back", () => {
  it("gets everything, once per webhook-id, each lab's events in order", async () => {
    const { apiKey } = await cluster.createOrganization("Receiver Clinic");
    const partner = new Partner(() => [cluster.url()], apiKey);
    const hookPath = receiver.route();
    await partner.subscribe(`${receiver.url}${hookPath}`, ["lab.accepted", "lab.job_status_changed", "lab.results_ready", "lab.failed"]);
    const member = await partner.member();
    const port = Number(new URL(receiver.url).port);

    await receiver.stop();
    const labs = await Promise.all(Array.from({ length: 3 }, () => partner.uploadLab(member, panelCsv())));
    await until(async () => {
      const rows = await cluster.query<{ status: string }>(`SELECT status FROM lab_results WHERE id = ANY($1::uuid[])`, [labs]);
      expect(rows.map((r) => r.status)).toEqual(["ready", "ready", "ready"]);
    }, 90_000);
    const refused = await cluster.query<{ n: string }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE attempts > 0 AND status <> 'succeeded'`);
    expect(Number(refused[0].n)).toBeGreaterThan(0);
    await sleep(2000);
    await receiver.start(port);

    await until(async () => {
      const open = await cluster.query(`SELECT id, status FROM webhook_deliveries WHERE status <> 'succeeded'`);
      expect(open).toEqual([]);
    }, 120_000, 1000).catch((error) => {
      throw new Error(`${(error as Error).message}\n${cluster.logs()}`);
    });

    const deliveries = await cluster.query<{ id: string; lab_result_id: string; sequence_number: number }>(
      `SELECT id, lab_result_id, sequence_number FROM webhook_deliveries ORDER BY lab_result_id, sequence_number`,
    );
    const receipts = receiver.at(hookPath).map((r) => ({ id: r.headers["webhook-id"], event: JSON.parse(r.body) as { data: { labResultId: string; sequenceNumber: number } } }));
    const firstArrival = receipts.filter((r, i) => receipts.findIndex((o) => o.id === r.id) === i);
    expect(new Set(firstArrival.map((r) => r.id))).toEqual(new Set(deliveries.map((d) => d.id)));
    for (const lab of labs) {
      const inArrivalOrder = firstArrival.filter((r) => r.event.data.labResultId === lab).map((r) => r.event.data.sequenceNumber);
      expect(inArrivalOrder.length).toBeGreaterThan(10);
      expect(inArrivalOrder, `lab ${lab}`).toEqual(inArrivalOrder.map((_, i) => i + 1));
    }
    // A retried event is the same event: one webhook-id for each (lab, sequence number).
    const idsPerEvent = new Map<string, Set<string>>();
    for (const r of receipts) {
      const key = `${r.event.data.labResultId}#${r.event.data.sequenceNumber}`;
      idsPerEvent.set(key, (idsPerEvent.get(key) ?? new Set()).add(r.id));
    }
    expect([...idsPerEvent.values()].every((ids) => ids.size === 1)).toBe(true);
  });
});
