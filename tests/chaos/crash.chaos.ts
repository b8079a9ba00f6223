/**
 * `kill -9` of each part of a deployment in the middle of a batch of 20 uploaded labs and 5 Lab Results Agent
 * runs: the app, then the executor, then PostgreSQL, each started again. The partner retries as the API asks
 * (same Idempotency-Key). Afterwards every lab and run has ended, no lab was registered or processed twice, and
 * every webhook was received at least once, under one `webhook-id` per event. An agent request killed between
 * its commit and its answer is answered on retry with the run it created (../../lib/http/idempotency.ts).
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panelCsv, panelItems } from "../fixtures/panel";
import { WebhookReceiver } from "../support/webhook-receiver";
import { Partner, until } from "./client";
import { Cluster } from "../support/cluster";

const LABS = 20;
const RUNS = 5;
let cluster: Cluster;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
  cluster = await Cluster.start({
    dir: await mkdtemp(path.join(os.tmpdir(), "labwise-chaos-")),
    // Quick retries, so that deliveries refused while a process was down are tried again within the test.
    appEnv: { WEBHOOK_RETRY_SCHEDULE: "0,500ms,1s,2s,2s,3s,5s,5s,5s,5s" },
  });
});

afterAll(async () => {
  await cluster?.stop();
  await receiver.stop();
});

/** The `webhook-id`s received for each event, keyed by what the event is about and its sequence number. */
function receivedIds(): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const r of receiver.receipts) {
    const body = JSON.parse(r.body) as { runId?: string; sequenceNumber?: number; data?: { labResultId?: string; sequenceNumber?: number } };
    const key = body.runId ? `run ${body.runId} #${body.sequenceNumber}` : `lab ${body.data?.labResultId} #${body.data?.sequenceNumber}`;
    ids.set(key, (ids.get(key) ?? new Set()).add(r.headers["webhook-id"]));
  }
  return ids;
}

describe("kill -9 in the middle of a batch", () => {
  it("ends every lab once and every agent run, and delivers every webhook under one webhook-id", async () => {
    const { apiKey } = await cluster.createOrganization("Chaos Clinic");
    const partner = new Partner(() => [cluster.url(0)], apiKey);
    const hookPath = receiver.route();
    await partner.subscribe(`${receiver.url}${hookPath}`, ["lab.accepted", "lab.job_status_changed", "lab.results_ready", "lab.failed"]);
    const member = await partner.member();

    // A reference lab, processed with nothing going wrong: what every lab of the batch must come out as.
    const reference = await partner.uploadLab(member, panelCsv());
    await until(async () => expect((await cluster.query(`SELECT status FROM lab_results WHERE id = $1`, [reference]))[0].status).toBe("ready"), 60_000);

    const batch = Promise.all([
      ...Array.from({ length: LABS }, async (_, i) => {
        await sleep(i * 150);
        return partner.uploadLab(member, panelCsv());
      }),
      ...Array.from({ length: RUNS }, async (_, i) => {
        await sleep(i * 400);
        return partner.agentRun(`${receiver.url}/agent`, panelItems());
      }),
    ]);

    await sleep(1000);
    await cluster.killApp();
    await sleep(500);
    await cluster.startApp(0);

    await sleep(1500);
    await cluster.killExecutor();
    await sleep(500);
    cluster.startExecutor();

    await sleep(1500);
    await cluster.killDatabase();
    await sleep(1000);
    await cluster.restartDatabase();

    const ids = await batch.catch((error: Error) => {
      throw new Error(`${error.message}\n${cluster.logs()}`);
    });
    const labIds = ids.slice(0, LABS);
    const runIds = ids.slice(LABS);

    // Every lab and run ends: ready, or failed with a reason.
    const ended = await until(async () => {
      const rows = await cluster.query<{ id: string; source: string; status: string; failure_reason: string | null; workflow_id: string | null }>(
        `SELECT id, source, status, failure_reason, workflow_id FROM lab_results WHERE id <> $1`,
        [reference],
      );
      const open = rows.filter((r) => r.status !== "ready" && r.status !== "failed");
      if (open.length) {
        const jobs = await cluster.query(`SELECT lab_result_id, type, status, attempts FROM jobs WHERE lab_result_id = ANY($1::uuid[]) ORDER BY lab_result_id`, [open.map((r) => r.id)]);
        const runs = await cluster.query(`SELECT event_id, status, attempt, error FROM executor_runs WHERE event_id = ANY($1::text[])`, [open.map((r) => r.workflow_id)]);
        throw new Error(`not ended: ${JSON.stringify({ open, jobs, runs }, null, 1)}`);
      }
      return rows;
    }, 240_000, 1000).catch((error) => {
      throw new Error(`${(error as Error).message}\n${cluster.logs()}`);
    });
    expect(ended.filter((r) => r.status === "failed" && !r.failure_reason)).toEqual([]);
    // None registered twice: one lab per upload the partner made, one per agent run.
    expect(ended.filter((r) => r.source === "upload").map((r) => r.id).sort()).toEqual([...new Set(labIds)].sort());
    expect(new Set(runIds).size).toBe(RUNS);
    const byId = new Map(ended.map((r) => [r.id, r]));
    expect([...labIds, ...runIds].filter((id) => byId.get(id)?.status !== "ready")).toEqual([]);
    // The only agent runs the partner was not answered with are ones that could not start: the request was
    // answered 503, the run failed so it holds no slot, and the retry admitted another. A second run analysed
    // for one request (a retry after a kill between commit and answer) would show here as `ready`.
    const unanswered = ended.filter((r) => r.source === "agent_run" && !runIds.includes(r.id));
    expect(unanswered.filter((r) => r.status !== "failed")).toEqual([]);

    // None processed twice: each lab has the reference lab's analytes, once each.
    const counts = await cluster.query<{ id: string; n: string; positions: string }>(
      `SELECT lab_result_id AS id, count(*) AS n, count(DISTINCT position) AS positions FROM analytes GROUP BY lab_result_id`,
    );
    const expected = counts.find((c) => c.id === reference)!;
    expect(Number(expected.n)).toBeGreaterThan(50);
    for (const c of counts.filter((c) => labIds.includes(c.id))) expect([c.id, c.n, c.positions]).toEqual([c.id, expected.n, expected.n]);
    // One workflow run per lab event, whatever was killed while it ran.
    const runsPerEvent = await cluster.query<{ event_id: string; runs: string }>(
      `SELECT event_id, count(*) AS runs FROM executor_runs WHERE function_id LIKE '%analyze%' GROUP BY event_id HAVING count(*) > 1`,
    );
    expect(runsPerEvent).toEqual([]);

    // Every webhook arrives, at least once, and an event keeps one webhook-id through every retry.
    await until(async () => {
      const open = await cluster.query<{ id: string }>(`SELECT id, status, attempts, next_attempt_at, last_error FROM webhook_deliveries WHERE status <> 'succeeded'`);
      if (open.length) {
        // The runs announced for them, and those that went on to them from an earlier delivery of their stream.
        const runs = await cluster.query(
          `SELECT event_id, status, attempt, next_run_at, error, output, stack FROM executor_runs WHERE function_id LIKE '%deliver-webhook'
              AND (event->'data'->>'deliveryId' = ANY($1::text[]) OR output::text LIKE ANY(SELECT '%' || id || '%' FROM unnest($1::text[]) AS id))`,
          [open.map((d) => d.id)],
        );
        throw new Error(`not delivered: ${JSON.stringify({ open, runs }, null, 1)}`);
      }
    }, 120_000, 1000).catch((error) => {
      throw new Error(`${(error as Error).message}\n${cluster.logs()}`);
    });
    const deliveries = await cluster.query<{ id: string }>(`SELECT id FROM webhook_deliveries`);
    const receivedById = new Set(receiver.receipts.map((r) => r.headers["webhook-id"]));
    expect(deliveries.filter((d) => !receivedById.has(d.id))).toEqual([]);
    const perEvent = receivedIds();
    expect([...perEvent].filter(([, set]) => set.size !== 1)).toEqual([]);
    // Each agent run reported all eight of its events, and each lab its acceptance and its results.
    for (const runId of runIds) for (let n = 1; n <= 8; n += 1) expect(perEvent.has(`run ${runId} #${n}`), `run ${runId} #${n}`).toBe(true);
    const ready = receiver.at(hookPath).map((r) => JSON.parse(r.body) as { type: string; data: { labResultId: string } });
    for (const id of labIds) {
      expect(ready.some((e) => e.type === "lab.accepted" && e.data.labResultId === id), `accepted ${id}`).toBe(true);
      expect(ready.some((e) => e.type === "lab.results_ready" && e.data.labResultId === id), `ready ${id}`).toBe(true);
    }
    // What the partner met on the way: retries and network errors, never a 500 (a 500 fails the request at once).
    console.info("retried answers during the faults:", Object.fromEntries(partner.trouble));
  });
});
