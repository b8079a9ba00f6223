/**
 * Several app processes on one database (DESIGN §3, scale-out): each registers the same functions from its
 * own origin, the executor spreads the calls over them, every step still runs once, and a process that has
 * gone away (connection refused) costs no attempt — its calls go to the others at once.
 */
import http from "node:http";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freePort } from "@/lib/db/embedded";
import { startExecutor, type EmbeddedExecutor } from "./index";
import { generateExecutorKeys } from "./signing";

const appId = `scale-out-${Date.now()}`;
const keys = generateExecutorKeys();
let executor: EmbeddedExecutor;
const steps = new Map<string, number>();
const servers: { server: http.Server; url: string; calls: number }[] = [];

/** One app process: the same Inngest app and functions as the others, served on a port of its own. */
async function serveProcess() {
  const client = new Inngest({ id: appId, isDev: false, baseUrl: executor.url, signingKey: keys.signingKey, eventKey: keys.eventKey });
  const functions = [
    client.createFunction({ id: "pipeline", triggers: [{ event: "test/lab" }] }, async ({ event, step }) => {
      for (const name of ["ingest", "map", "interpret"]) {
        await step.run(name, () => steps.set(`${event.data.n}:${name}`, (steps.get(`${event.data.n}:${name}`) ?? 0) + 1));
      }
    }),
  ];
  const port = await freePort();
  const handler = serve({ client, functions, serveOrigin: `http://127.0.0.1:${port}` });
  const entry = { server: http.createServer(), url: `http://127.0.0.1:${port}/api/inngest`, calls: 0 };
  entry.server.on("request", (req, res) => {
    if (req.method === "POST") entry.calls += 1;
    return handler(req, res);
  });
  await new Promise<void>((resolve) => entry.server.listen(port, "127.0.0.1", () => resolve()));
  servers.push(entry);
  await executor.syncApp(entry.url, { timeoutMs: 10_000 });
  return entry;
}

async function closeProcess(entry: (typeof servers)[number]) {
  entry.server.closeAllConnections();
  await new Promise((resolve) => entry.server.close(resolve));
}

async function sendLabs(from: number, count: number): Promise<string[]> {
  const events = Array.from({ length: count }, (_, i) => ({ name: "test/lab", data: { n: from + i } }));
  const res = await fetch(`${executor.url}/e/${keys.eventKey}`, { method: "POST", body: JSON.stringify(events) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ids: string[] }).ids;
}

async function settled(eventIds: string[]) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const runs = await db.executorRun.findMany({ where: { scope: appId, eventId: { in: eventIds } } });
    if (runs.length === eventIds.length && runs.every((r) => r.status === "completed" || r.status === "failed")) return runs;
    if (Date.now() > deadline) throw new Error(`runs did not finish: ${JSON.stringify(runs.map((r) => [r.status, r.attempt, r.error]))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  // A spent attempt would wait a minute before its retry: a test that passes spent none.
  executor = await startExecutor({ port: 0, scope: appId, backoffBaseMs: 60_000, log: () => {}, keys });
  await serveProcess();
  await serveProcess();
});

afterAll(async () => {
  await executor?.stop();
  for (const entry of servers) if (entry.server.listening) await closeProcess(entry);
});

describe("one executor, two app processes", () => {
  it("spreads the calls over both, and runs every step once", async () => {
    const runs = await settled(await sendLabs(0, 12));
    expect(runs.map((r) => r.status)).toEqual(Array(12).fill("completed"));
    for (let n = 0; n < 12; n += 1) for (const name of ["ingest", "map", "interpret"]) expect(steps.get(`${n}:${name}`), `${n}:${name}`).toBe(1);
    expect(servers[0].calls).toBeGreaterThan(0);
    expect(servers[1].calls).toBeGreaterThan(0);
  });

  it("sends the calls of a process that has gone to the other, without spending an attempt", async () => {
    await closeProcess(servers[0]);
    const before = servers[1].calls;
    const runs = await settled(await sendLabs(100, 6));
    expect(runs.map((r) => [r.status, r.error])).toEqual(Array(6).fill(["completed", null]));
    for (let n = 100; n < 106; n += 1) for (const name of ["ingest", "map", "interpret"]) expect(steps.get(`${n}:${name}`)).toBe(1);
    // At least one call per run (the SDK checkpoints, so a run usually needs one), all to the process left.
    expect(servers[1].calls - before).toBeGreaterThanOrEqual(6);
  });
});
