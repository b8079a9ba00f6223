/**
 * Contract test of the embedded executor against the pinned Inngest SDK: real functions, served by the
 * SDK's own `serve()` in production mode over real HTTP, driven through retries, failure handlers, sleeps,
 * sent events, concurrency limits and a restart, every call signed; and what happens to calls that are not.
 * Runs live in the test database.
 */
import http from "node:http";
import { Inngest, NonRetriableError } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freePort } from "@/lib/db/embedded";
import { startExecutor, type EmbeddedExecutor } from "./index";
import { canonicalBody, generateExecutorKeys, hashedSigningKey, signatureHeader } from "./signing";

const appId = `contract-${Date.now()}`;
const keys = generateExecutorKeys();
let executor: EmbeddedExecutor;
let appServer: http.Server;
let serveUrl: string;
const calls: Record<string, number> = {};
const count = (key: string) => (calls[key] = (calls[key] ?? 0) + 1);
const failures: unknown[] = [];
const active: Record<string, number> = {};
let maxOverlap = 0;

function buildFunctions(client: Inngest) {
  return [
    client.createFunction({ id: "ordered", triggers: [{ event: "test/ordered" }] }, async ({ event, step }) => {
      const a = await step.run("a", () => count(`a:${event.data.n}`));
      const b = await step.run("b", () => count(`b:${event.data.n}`) + a);
      const c = await step.run("c", () => count(`c:${event.data.n}`) + b);
      return { a, b, c };
    }),
    client.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] }, async ({ event, step }) => {
      return step.run("sometimes", () => {
        if (count(`flaky:${event.data.n}`) <= 2) throw new Error("transient");
        return "ok";
      });
    }),
    client.createFunction(
      {
        id: "doomed",
        retries: 2,
        triggers: [{ event: "test/doomed" }],
        onFailure: async ({ event, error }) => {
          failures.push({ original: event.data.event.data, message: error.message });
        },
      },
      async ({ event, step }) => {
        await step.run("always-fails", () => {
          count(`doomed:${event.data.n}`);
          throw new Error("permanently broken input");
        });
      },
    ),
    client.createFunction({ id: "non-retriable", retries: 4, triggers: [{ event: "test/non-retriable" }] }, async ({ event, step }) => {
      await step.run("refuses", () => {
        count(`nonretriable:${event.data.n}`);
        throw new NonRetriableError("bad input, do not retry");
      });
    }),
    client.createFunction({ id: "sleeper", triggers: [{ event: "test/sleeper" }] }, async ({ step }) => {
      const before = await step.run("before", () => Date.now());
      await step.sleep("nap", "1s");
      const after = await step.run("after", () => Date.now());
      return { slept: after - before };
    }),
    client.createFunction({ id: "sender", triggers: [{ event: "test/sender" }] }, async ({ event, step }) => {
      await step.sendEvent("fan-out", { name: "test/ordered", data: { n: `sent-${event.data.n}` } });
    }),
    client.createFunction(
      { id: "serial", concurrency: { limit: 1, key: "event.data.key" }, triggers: [{ event: "test/serial" }] },
      async ({ event, step }) => {
        await step.run("work", async () => {
          active[event.data.key] = (active[event.data.key] ?? 0) + 1;
          maxOverlap = Math.max(maxOverlap, active[event.data.key]);
          await new Promise((resolve) => setTimeout(resolve, 150));
          active[event.data.key]--;
        });
      },
    ),
    client.createFunction({ id: "slow-steps", triggers: [{ event: "test/slow" }] }, async ({ event, step }) => {
      await step.run("one", () => count(`slow1:${event.data.n}`));
      await step.run("two", async () => {
        count(`slow2:${event.data.n}`);
        await new Promise((resolve) => setTimeout(resolve, 400));
      });
    }),
    client.createFunction({ id: "urgent", priority: { run: "600" }, triggers: [{ event: "test/urgent" }] }, async ({ step }) => step.run("now", () => "done")),
    client.createFunction({ id: "ranked", priority: { run: "event.data.priority" }, triggers: [{ event: "test/ranked" }] }, async ({ step }) =>
      step.run("now", () => "done"),
    ),
    client.createFunction({ id: "napper", triggers: [{ event: "test/nap" }] }, async ({ event, step }) => {
      await step.run("before", () => count(`nap1:${event.data.n}`));
      await step.sleep("nap", "1s");
      await step.run("after", () => count(`nap2:${event.data.n}`));
    }),
  ];
}

/** An app of `id` served in production mode (signed calls only) on a port of its own, registering that origin. */
async function serveApp(id: string, build: (client: Inngest) => ReturnType<Inngest["createFunction"]>[]) {
  const client = new Inngest({ id, isDev: false, baseUrl: executor.url, signingKey: keys.signingKey, eventKey: keys.eventKey });
  const port = await freePort();
  const handler = serve({ client, functions: build(client), serveOrigin: `http://127.0.0.1:${port}` });
  const server = http.createServer((req, res) => {
    if (req.method === "POST") count(`calls:${id}`);
    return handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { server, url: `http://127.0.0.1:${port}/api/inngest` };
}

beforeAll(async () => {
  executor = await startExecutor({ port: 0, scope: appId, backoffBaseMs: 50, log: () => {}, keys });
  ({ server: appServer, url: serveUrl } = await serveApp(appId, buildFunctions));
  await executor.syncApp(serveUrl, { timeoutMs: 10_000 });
});

afterAll(async () => {
  await executor?.stop();
  appServer?.closeAllConnections();
  await new Promise((resolve) => appServer?.close(resolve));
});

async function send(name: string, data: Record<string, unknown>) {
  const res = await fetch(`${executor.url}/e/${keys.eventKey}`, { method: "POST", body: JSON.stringify({ name, data }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ids: string[] }).ids[0];
}

async function runFor(functionSuffix: string, eventId: string, until: (status: string) => boolean = (s) => s === "completed" || s === "failed") {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const run = await db.executorRun.findFirst({ where: { functionId: `${appId}-${functionSuffix}`, eventId } });
    if (run && until(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run of ${functionSuffix} did not finish: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("embedded executor ↔ Inngest SDK", () => {
  it("registers the app's functions, including the failure handler", () => {
    expect(executor.engine.registeredFunctionIds).toEqual(expect.arrayContaining([`${appId}-ordered`, `${appId}-doomed`, `${appId}-doomed-failure`]));
  });

  it("runs steps in order, each exactly once, and records the output", async () => {
    const run = await runFor("ordered", await send("test/ordered", { n: 1 }));
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ a: 1, b: 2, c: 3 });
    expect(run.stack).toHaveLength(3);
    expect([calls["a:1"], calls["b:1"], calls["c:1"]]).toEqual([1, 1, 1]);
  });

  it("stores an event id once and runs its function once, however often it is sent", async () => {
    const id = `dedup-${crypto.randomUUID()}`;
    const event = { id, name: "test/ordered", data: { n: "dedup" } };
    const post = (body: unknown) => fetch(`${executor.url}/e/${keys.eventKey}`, { method: "POST", body: JSON.stringify(body) });
    expect((await post([event, event])).status).toBe(200);
    expect((await post(event)).status).toBe(200);
    expect((await runFor("ordered", id)).status).toBe("completed");
    expect(await db.executorEvent.count({ where: { id } })).toBe(1);
    expect(await db.executorRun.count({ where: { eventId: id } })).toBe(1);
    expect(calls["a:dedup"]).toBe(1);
  });

  it("runs a whole function in one call, the SDK checkpointing each step as it completes", async () => {
    const before = calls[`calls:${appId}`] ?? 0;
    const eventId = await send("test/slow", { n: 2 });
    // Step two is running (for 400 ms) inside the call: step one is already recorded.
    const midway = await runFor("slow-steps", eventId, () => calls["slow2:2"] === 1);
    expect(midway.status).toBe("running");
    expect(midway.stack).toHaveLength(1);
    const run = await runFor("slow-steps", eventId);
    expect(run.status).toBe("completed");
    expect(run.stack).toHaveLength(2);
    expect(calls[`calls:${appId}`] - before).toBe(1);
  });

  it("refuses a checkpoint without the hashed signing key, and one for a run that is not running", async () => {
    const steps = JSON.stringify({ steps: [{ op: "StepRun", id: "x", data: 1 }] });
    const unsigned = await fetch(`${executor.url}/v1/checkpoint/${crypto.randomUUID()}/async`, { method: "POST", body: steps });
    expect(unsigned.status).toBe(401);
    const headers = { authorization: `Bearer ${hashedSigningKey(keys.signingKey)}` };
    const done = await runFor("ordered", await send("test/ordered", { n: 9 }));
    for (const runId of [done.id, crypto.randomUUID(), "not-a-uuid"]) {
      const stale = await fetch(`${executor.url}/v1/checkpoint/${runId}/async`, { method: "POST", headers, body: steps });
      expect(stale.status).toBe(409);
    }
    expect((await db.executorRun.findUniqueOrThrow({ where: { id: done.id } })).steps).toEqual(done.steps);
    const malformed = await fetch(`${executor.url}/v1/checkpoint/${done.id}/async`, { method: "POST", headers, body: JSON.stringify({ steps: "nope" }) });
    expect(malformed.status).toBe(400);
  });

  it("retries a step that fails twice, then succeeds", async () => {
    const run = await runFor("flaky", await send("test/flaky", { n: 1 }));
    expect(run.status).toBe("completed");
    expect(run.output).toBe("ok");
    expect(calls["flaky:1"]).toBe(3);
  });

  it("fails a run whose step exhausts its retries and calls onFailure with the original event", async () => {
    const run = await runFor("doomed", await send("test/doomed", { n: 7 }));
    expect(run.status).toBe("failed");
    expect(calls["doomed:7"]).toBe(3);
    const deadline = Date.now() + 10_000;
    while (!failures.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(failures).toEqual([{ original: { n: 7 }, message: "permanently broken input" }]);
  });

  it("does not retry a NonRetriableError", async () => {
    const run = await runFor("non-retriable", await send("test/non-retriable", { n: 1 }));
    expect(run.status).toBe("failed");
    expect(calls["nonretriable:1"]).toBe(1);
  });

  it("sleeps", async () => {
    const run = await runFor("sleeper", await send("test/sleeper", {}));
    expect(run.status).toBe("completed");
    expect((run.output as { slept: number }).slept).toBeGreaterThanOrEqual(950);
  });

  it("delivers events sent with step.sendEvent", async () => {
    await runFor("sender", await send("test/sender", { n: 5 }));
    const sent = await db.executorRun.findFirst({ where: { functionId: `${appId}-ordered`, event: { path: ["data", "n"], equals: "sent-5" } } });
    expect(sent).not.toBeNull();
    expect((await runFor("ordered", sent!.eventId)).status).toBe("completed");
  });

  it("never runs more than the concurrency limit per key at once, and waits for room without spinning", async () => {
    const passesBefore = executor.engine.passes;
    const ids = await Promise.all([1, 2, 3, 4].map(() => send("test/serial", { key: "same" })));
    for (const id of ids) expect((await runFor("serial", id)).status).toBe("completed");
    expect(maxOverlap).toBe(1);
    // Three runs wait about 450 ms for the key. A pass for each event and each run's end is a dozen or so;
    // timing the waiting runs as due (the old scheduler) made hundreds, one query after another.
    expect(executor.engine.passes - passesBefore).toBeLessThan(40);
  });

  it("queues a run with priority as if it had arrived that many seconds earlier (priority.run)", async () => {
    const before = Date.now();
    const urgent = await runFor("urgent", await send("test/urgent", {}));
    const ranked = await runFor("ranked", await send("test/ranked", { priority: 90 }));
    const unranked = await runFor("ranked", await send("test/ranked", { priority: "high" }));
    const plain = await runFor("serial", await send("test/serial", { key: "priority-test" }));
    expect([urgent.status, ranked.status, unranked.status, plain.status]).toEqual(["completed", "completed", "completed", "completed"]);
    expect(urgent.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The run's due time as it was queued — what orders it among the due runs (dispatchDue) — is kept by a
    // run that completes in one call.
    const dueAt = async (id: string) => (await db.executorRun.findUniqueOrThrow({ where: { id } })).nextRunAt.getTime();
    expect(urgent.createdAt.getTime() - (await dueAt(urgent.id))).toBeGreaterThanOrEqual(599_000);
    expect(ranked.createdAt.getTime() - (await dueAt(ranked.id))).toBeGreaterThanOrEqual(89_000);
    expect(ranked.createdAt.getTime() - (await dueAt(ranked.id))).toBeLessThan(91_000);
    // An expression that does not give a number is no priority at all.
    expect(Math.abs(unranked.createdAt.getTime() - (await dueAt(unranked.id)))).toBeLessThan(1000);
    expect(Math.abs(plain.createdAt.getTime() - (await dueAt(plain.id)))).toBeLessThan(1000);
  });

  it("resumes an unfinished run after a restart without repeating completed steps", async () => {
    const eventId = await send("test/nap", { n: 1 });
    // Stopped while the run sleeps between its steps.
    await runFor("napper", eventId, () => calls["nap1:1"] === 1);
    await executor.engine.stop();
    const midway = await db.executorRun.findFirstOrThrow({ where: { functionId: `${appId}-napper`, eventId } });
    expect(midway.status).toBe("running");

    await executor.engine.start();
    const run = await runFor("napper", eventId);
    expect(run.status).toBe("completed");
    expect([calls["nap1:1"], calls["nap2:1"]]).toEqual([1, 1]);
  });

  it("runs an event that arrived before its function was registered, once registration comes", async () => {
    const eventId = await send("test/early", { n: 1 });
    expect(await db.executorRun.count({ where: { eventId } })).toBe(0);
    const { server: lateServer, url: lateUrl } = await serveApp(`${appId}-late`, (client) => [
      client.createFunction({ id: "late", triggers: [{ event: "test/early" }] }, async ({ step }) => step.run("once", () => count("late"))),
    ]);
    try {
      await executor.syncApp(lateUrl, { timeoutMs: 10_000 });
      const deadline = Date.now() + 10_000;
      let run = null;
      while (run?.status !== "completed" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        run = await db.executorRun.findFirst({ where: { functionId: `${appId}-late-late`, eventId } });
      }
      expect(run?.status).toBe("completed");
      expect(calls.late).toBe(1);
    } finally {
      lateServer.closeAllConnections();
      await new Promise((resolve) => lateServer.close(resolve));
    }
  });

  it("answers bad events with 400", async () => {
    const res = await fetch(`${executor.url}/e/${keys.eventKey}`, { method: "POST", body: "{nope" });
    expect(res.status).toBe(400);
    const nameless = await fetch(`${executor.url}/e/${keys.eventKey}`, { method: "POST", body: JSON.stringify({ data: {} }) });
    expect(nameless.status).toBe(400);
  });
});

describe("only the executor can drive the app", () => {
  /** A hand-made execution request for the `ordered` function, as an attacker would send it. */
  function forgedCall(headers: Record<string, string> = {}, body = executionBody()) {
    return fetch(`${serveUrl}?fnId=${appId}-ordered&stepId=step`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  }
  function executionBody(n = "forged") {
    const event = { id: `forged-${Date.now()}`, name: "test/ordered", data: { n }, ts: Date.now() };
    return canonicalBody({ event, events: [event], steps: {}, version: 1, ctx: { run_id: "forged", attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } } });
  }

  it("refuses an unsigned execution request and runs nothing", async () => {
    const res = await forgedCall();
    expect(res.status).toBe(401);
    expect(calls["a:forged"]).toBeUndefined();
  });

  it("refuses a request signed with another key, or an expired signature", async () => {
    const body = executionBody();
    const wrong = await forgedCall({ "x-inngest-signature": signatureHeader(body, generateExecutorKeys().signingKey) }, body);
    expect(wrong.status).toBe(401);
    const stale = await forgedCall({ "x-inngest-signature": signatureHeader(body, keys.signingKey, Date.now() - 10 * 60_000) }, body);
    expect(stale.status).toBe(401);
    expect(calls["a:forged"]).toBeUndefined();
  });

  it("runs a request the executor's key signed (the signature is what is checked, not the caller)", async () => {
    const body = executionBody("signed");
    const res = await forgedCall({ "x-inngest-signature": signatureHeader(body, keys.signingKey) }, body);
    expect(res.status).toBe(206);
    expect(calls["a:signed"]).toBe(1);
  });

  it("answers a refused request without a stack trace", async () => {
    const text = await (await forgedCall()).text();
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(text).not.toMatch(/stack/i);
  });

  it("answers 503 with Retry-After, not 500, while the database is unreachable", async () => {
    const ingest = executor.engine.ingest;
    // The error a raw statement meets on a pooled connection PostgreSQL has just killed.
    executor.engine.ingest = async () => {
      throw new Error("Client has encountered a connection error and is not queryable");
    };
    try {
      const res = await fetch(`${executor.url}/e/${keys.eventKey}`, { method: "POST", body: JSON.stringify({ name: "test/ordered", data: { n: "db-down" } }) });
      expect([res.status, res.headers.get("retry-after")]).toEqual([503, "5"]);
    } finally {
      executor.engine.ingest = ingest;
    }
  });

  it("registers the configured origin even when a PUT forges the Host header", async () => {
    const { hostname, port } = new URL(serveUrl);
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request({ hostname, port, path: "/api/inngest", method: "PUT", headers: { host: "attacker.example:4444" } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(res).toBe(200);
    const apps = await db.executorApp.findMany({ where: { scope: appId } });
    expect(apps.map((a) => a.url)).not.toContainEqual(expect.stringContaining("attacker"));
    expect(JSON.stringify(apps.map((a) => a.functions))).not.toContain("attacker");
  });

  it("refuses a registration without the hashed signing key, and events without the event key", async () => {
    const register = (authorization?: string) =>
      fetch(`${executor.url}/fn/register`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ url: "http://attacker.example/api/inngest", appName: "evil", functions: [] }),
      });
    expect((await register()).status).toBe(401);
    expect((await register(`Bearer ${hashedSigningKey(generateExecutorKeys().signingKey)}`)).status).toBe(401);
    expect(await db.executorApp.count({ where: { url: "http://attacker.example/api/inngest" } })).toBe(0);

    const event = await fetch(`${executor.url}/e/local`, { method: "POST", body: JSON.stringify({ name: "test/ordered", data: { n: "evil" } }) });
    expect(event.status).toBe(401);
  });
});
