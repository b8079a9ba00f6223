/**
 * Scale-out: two app processes and the standalone executor (`npm run executor`) on one PostgreSQL. A burst of
 * labs is registered through both apps; every lab is processed once, the executor spreads the pipeline's calls
 * over both apps, and every webhook arrives exactly once per `webhook-id`.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panelCsv } from "../fixtures/panel";
import { WebhookReceiver } from "../support/webhook-receiver";
import { Partner, until } from "./client";
import { Cluster } from "../support/cluster";

const LABS = 20;
let cluster: Cluster;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
  cluster = await Cluster.start({ dir: await mkdtemp(path.join(os.tmpdir(), "labwise-chaos-")), apps: 2 });
});

afterAll(async () => {
  await cluster?.stop();
  await receiver.stop();
});

describe("two app processes and a standalone executor", () => {
  it("process a burst once each and deliver every webhook once", async () => {
    const { apiKey } = await cluster.createOrganization("Scale-out Clinic");
    const partner = new Partner(() => [cluster.url(0), cluster.url(1)], apiKey);
    const hookPath = receiver.route();
    await partner.subscribe(`${receiver.url}${hookPath}`, ["lab.accepted", "lab.results_ready"]);
    const member = await partner.member();

    const labs = await Promise.all(Array.from({ length: LABS }, () => partner.uploadLab(member, panelCsv())));
    await until(async () => {
      const rows = await cluster.query<{ status: string }>(`SELECT status FROM lab_results WHERE id = ANY($1::uuid[])`, [labs]);
      expect(rows.filter((r) => r.status !== "ready")).toEqual([]);
      expect(rows).toHaveLength(LABS);
    }, 180_000, 1000).catch((error) => {
      throw new Error(`${(error as Error).message}\n${cluster.logs()}`);
    });

    // Both apps registered the pipeline with the one executor; it ran one workflow per lab.
    expect(await cluster.query(`SELECT url FROM executor_apps ORDER BY url`)).toHaveLength(2);
    expect(await cluster.query(`SELECT event_id FROM executor_runs WHERE function_id LIKE '%analyze%' GROUP BY event_id HAVING count(*) > 1`)).toEqual([]);
    const counts = await cluster.query<{ n: string; positions: string }>(
      `SELECT count(*) AS n, count(DISTINCT position) AS positions FROM analytes WHERE lab_result_id = ANY($1::uuid[]) GROUP BY lab_result_id`,
      [labs],
    );
    expect(counts).toHaveLength(LABS);
    expect(new Set(counts.map((c) => `${c.n}/${c.positions}`)).size).toBe(1);
    expect(counts[0].n).toBe(counts[0].positions);

    await until(async () => expect(await cluster.query(`SELECT id FROM webhook_deliveries WHERE status <> 'succeeded'`)).toEqual([]), 60_000);
    expect(await cluster.query(`SELECT id FROM webhook_deliveries`)).toHaveLength(LABS * 2);
    expect(receiver.at(hookPath)).toHaveLength(LABS * 2);
    const ids = receiver.at(hookPath).map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
    const events = receiver.at(hookPath).map((r) => JSON.parse(r.body) as { type: string; data: { labResultId: string } });
    for (const lab of labs) expect(events.filter((e) => e.data.labResultId === lab).map((e) => e.type).sort()).toEqual(["lab.accepted", "lab.results_ready"]);
  });
});
