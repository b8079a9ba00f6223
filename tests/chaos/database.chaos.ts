/**
 * PostgreSQL killed and started again under load: while it is down, every request answers a clean 503 in its
 * surface's shape (never a 500, never a hang), `/ready` says the database is the problem, and once it is back
 * the same app processes — never restarted — answer 200 again.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panelCsv } from "../fixtures/panel";
import { Partner, until } from "./client";
import { Cluster } from "../support/cluster";

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start({ dir: await mkdtemp(path.join(os.tmpdir(), "labwise-chaos-")) });
});

afterAll(async () => {
  await cluster?.stop();
});

interface Seen {
  status: number;
  body: string;
  retryAfter: string | null;
  ms: number;
}

/** Requests one after another on `connections` loops until `stop` is set; every answer is kept. */
function load(requests: (() => Promise<Response>)[], connections: number) {
  const seen: Seen[] = [];
  let stop = false;
  const loops = Array.from({ length: connections }, async (_, i) => {
    for (let n = i; !stop; n += 1) {
      const started = performance.now();
      const res = await requests[n % requests.length]();
      seen.push({ status: res.status, body: await res.text(), retryAfter: res.headers.get("retry-after"), ms: performance.now() - started });
    }
  });
  return {
    seen,
    async stop() {
      stop = true;
      await Promise.all(loops);
    },
  };
}

describe("PostgreSQL restarted under load", () => {
  it("answers 503 while it is down and recovers without restarting the app", async () => {
    const { apiKey } = await cluster.createOrganization("Outage Clinic");
    const partner = new Partner(() => [cluster.url()], apiKey);
    const member = await partner.member();
    const lab = await partner.uploadLab(member, panelCsv());
    await until(async () => expect((await cluster.query(`SELECT status FROM lab_results WHERE id = $1`, [lab]))[0].status).toBe("ready"), 60_000);

    const base = cluster.url();
    const traffic = load(
      [
        // The member surface: the lab read (cached bytes, checked against the database) and the lab list.
        () => fetch(`${base}/v1/users/${member.userId}/labs/${lab}`, { headers: member.auth }),
        () => fetch(`${base}/v1/users/${member.userId}/labs`, { headers: member.auth }),
        // The partner surface: an API key checked against the database.
        () => fetch(`${base}/v1/submissions`, { headers: { "x-api-key": apiKey } }),
      ],
      6,
    );
    await sleep(1500);
    const before = traffic.seen.length;
    await cluster.killDatabase();
    await sleep(3000);
    const ready = await fetch(`${base}/ready`);
    const readiness = await ready.json();
    const during = traffic.seen.slice(before);
    await cluster.restartDatabase();
    const restartedAt = traffic.seen.length;
    // Back to 200s on the same app process, after the pools reconnect.
    await until(async () => expect(traffic.seen.slice(-10).map((s) => s.status)).toEqual(Array(10).fill(200)), 30_000, 250);
    await traffic.stop();

    expect(traffic.seen.slice(0, before).every((s) => s.status === 200)).toBe(true);
    expect(ready.status).toBe(503);
    expect(readiness.checks.database.ok).toBe(false);
    // While it was down: 503s in the member and partner error shapes, with Retry-After; nothing else.
    const outage = during.filter((s) => s.status !== 200);
    expect(outage.length).toBeGreaterThan(0);
    expect([...new Set(traffic.seen.map((s) => s.status))].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const answer of outage) {
      expect(answer.retryAfter).toBe("5");
      const body = JSON.parse(answer.body);
      expect(body.detail ?? body.error?.message, answer.body).toMatch(/briefly unavailable/);
    }
    // No request hung waiting for the database: each outage answer came within the connection timeout.
    expect(Math.max(...outage.map((s) => s.ms))).toBeLessThan(15_000);
    expect(traffic.seen.length).toBeGreaterThan(restartedAt);
  });
});
