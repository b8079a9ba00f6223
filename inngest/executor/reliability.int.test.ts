/**
 * What goes wrong while the executor drives a run is caught, logged and retried or failed — never an
 * unhandled rejection in the process that also runs the database — and the scheduler keeps going: a result
 * the database refuses to store, a sleep whose duration cannot be read, an app that answers 206 and then
 * stalls or hangs up mid-body. And two executors started on one scope never run a step twice: the second
 * stands by and takes over when the first stops or loses its lock.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freePort } from "@/lib/db/embedded";
import { eventually } from "../../tests/support/eventually";
import { startExecutor, type EmbeddedExecutor } from "./index";
import type { RegisteredFunction } from "./protocol";
import { generateExecutorKeys } from "./signing";

const keys = generateExecutorKeys();
const servers: http.Server[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** An app of `id` on the pinned SDK in production mode, registering with `executorUrl`. */
async function serveApp(id: string, executorUrl: string, build: (client: Inngest) => ReturnType<Inngest["createFunction"]>[]) {
  const client = new Inngest({ id, isDev: false, baseUrl: executorUrl, signingKey: keys.signingKey, eventKey: keys.eventKey });
  const port = await freePort();
  const server = http.createServer(serve({ client, functions: build(client), serveOrigin: `http://127.0.0.1:${port}` }));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  servers.push(server);
  return `http://127.0.0.1:${port}/api/inngest`;
}

async function send(executor: EmbeddedExecutor, name: string, data: Record<string, unknown> = {}, id?: string): Promise<string> {
  const res = await fetch(`${executor.url}/e/${keys.eventKey}`, { method: "POST", body: JSON.stringify({ name, data, ...(id ? { id } : {}) }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ids: string[] }).ids[0];
}

async function settledRun(functionId: string, eventId: string) {
  return eventually(async () => {
    const run = await db.executorRun.findFirst({ where: { functionId, eventId } });
    if (run?.status !== "completed" && run?.status !== "failed") throw new Error(`run of ${functionId} not settled: ${run?.status}`);
    return run;
  }, 20_000);
}

describe("failures while driving a run", () => {
  const scope = `reliability-${Date.now()}`;
  const logs: string[] = [];
  const calls: Record<string, number> = {};
  const count = (key: string) => (calls[key] = (calls[key] ?? 0) + 1);
  let executor: EmbeddedExecutor;
  let rawUrl: string;

  beforeAll(async () => {
    executor = await startExecutor({ port: 0, scope, backoffBaseMs: 50, requestTimeoutMs: 1500, log: (m) => logs.push(m), keys });
    const serveUrl = await serveApp(scope, executor.url, (client) => [
      // A NUL character is valid JSON but PostgreSQL's jsonb refuses it: recording the output fails.
      client.createFunction({ id: "unstorable-once", triggers: [{ event: "rel/unstorable-once" }] }, async ({ attempt }) => {
        count("unstorable-once");
        return attempt === 0 ? "bad\u0000output" : "stored";
      }),
      client.createFunction({ id: "unstorable", retries: 1, triggers: [{ event: "rel/unstorable" }] }, async () => {
        count("unstorable");
        return "always\u0000bad";
      }),
      client.createFunction({ id: "bad-sleep", triggers: [{ event: "rel/bad-sleep" }] }, async ({ step }) => {
        await step.run("before", () => count("bad-sleep"));
        await step.sleep("nap", "garbage");
        return "woke";
      }),
      client.createFunction({ id: "ordinary", triggers: [{ event: "rel/ordinary" }] }, async ({ step }) => step.run("work", () => count("ordinary"))),
    ]);
    await executor.syncApp(serveUrl, { timeoutMs: 10_000 });

    // An app that is not the SDK: its first answer stalls after the headers, its second hangs up mid-body.
    const raw = http.createServer((req, res) => {
      req.resume();
      const n = count("raw");
      if (n === 1) {
        res.writeHead(206, { "content-type": "application/json" });
        res.write('[{"op":"StepRun",');
      } else if (n === 2) {
        res.writeHead(206, { "content-type": "application/json" });
        res.write('[{"op":"StepRun",', () => res.socket?.destroy());
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify("answered"));
      }
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    servers.push(raw);
    rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/api/inngest`;
    const fn: RegisteredFunction = {
      id: `${scope}-raw`,
      triggers: [{ event: "rel/raw" }],
      steps: { step: { id: "step", runtime: { type: "http", url: `${rawUrl}?fnId=${scope}-raw&stepId=step` }, retries: { attempts: 3 } } },
    };
    await executor.engine.register(rawUrl, "raw", [fn]);
  });

  afterAll(async () => {
    await executor?.stop();
  });

  it("retries a run whose outcome could not be written once, and completes it", async () => {
    const run = await settledRun(`${scope}-unstorable-once`, await send(executor, "rel/unstorable-once"));
    expect(run.status).toBe("completed");
    expect(run.output).toBe("stored");
    expect(calls["unstorable-once"]).toBe(2);
    expect(logs.some((line) => line.includes("could not complete this attempt"))).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it("fails a run whose outcome can never be written, once its attempts are spent", async () => {
    const run = await settledRun(`${scope}-unstorable`, await send(executor, "rel/unstorable"));
    expect(run.status).toBe("failed");
    expect(JSON.stringify(run.error)).toMatch(/could not complete this attempt/);
    expect(calls.unstorable).toBe(2);
    expect(unhandled).toEqual([]);
  });

  it("fails a run that asks for a sleep of unreadable duration, saying so", async () => {
    const run = await settledRun(`${scope}-bad-sleep`, await send(executor, "rel/bad-sleep"));
    expect(run.status).toBe("failed");
    expect(JSON.stringify(run.error)).toMatch(/unreadable sleep duration/);
    expect(calls["bad-sleep"]).toBe(1);
    expect(unhandled).toEqual([]);
  });

  it("retries an answer whose body stalls past the timeout or breaks off, then completes", async () => {
    const run = await settledRun(`${scope}-raw`, await send(executor, "rel/raw"));
    expect(run.status).toBe("completed");
    expect(run.output).toBe("answered");
    expect(calls.raw).toBe(3);
    expect(logs.join("\n")).not.toMatch(/scheduler error/);
    expect(unhandled).toEqual([]);
  });

  it("keeps running other runs after all that", async () => {
    const run = await settledRun(`${scope}-ordinary`, await send(executor, "rel/ordinary"));
    expect(run.status).toBe("completed");
    expect(unhandled).toEqual([]);
  });
});

describe("two executors on one scope", () => {
  const scope = `pair-${Date.now()}`;
  const stepRuns: Record<string, number> = {};
  let first: EmbeddedExecutor;
  let second: EmbeddedExecutor;
  const quiet = { port: 0, scope, backoffBaseMs: 50, keys, standbyRetryMs: 100, log: () => {} };

  beforeAll(async () => {
    first = await startExecutor(quiet);
    second = await startExecutor(quiet);
    const serveUrl = await serveApp(scope, first.url, (client) => [
      client.createFunction({ id: "counted", triggers: [{ event: "pair/counted" }] }, async ({ event, step }) => {
        await step.run("count", async () => {
          stepRuns[event.data.n] = (stepRuns[event.data.n] ?? 0) + 1;
          await new Promise((resolve) => setTimeout(resolve, 200));
        });
        return event.data.n;
      }),
    ]);
    await first.syncApp(serveUrl, { timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
  });

  it("lets one of them drive the scope while the other stands by", () => {
    expect([first.engine.leading, second.engine.leading]).toEqual([true, false]);
  });

  it("runs each step once when both receive the event", async () => {
    const id = `pair-both-${Date.now()}`;
    await Promise.all([send(first, "pair/counted", { n: "both" }, id), send(second, "pair/counted", { n: "both" }, id)]);
    const run = await settledRun(`${scope}-counted`, id);
    expect(run.status).toBe("completed");
    expect(stepRuns.both).toBe(1);
  });

  it("runs an event the standby accepted at once", async () => {
    const started = Date.now();
    const run = await settledRun(`${scope}-counted`, await send(second, "pair/counted", { n: "standby" }));
    expect(run.status).toBe("completed");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(stepRuns.standby).toBe(1);
  });

  it("hands the scope to the standby when the leader loses its lock, and never lets both drive", async () => {
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${`labwise-executor:${scope}`} AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`;
    await eventually(() => expect([first.engine.leading, second.engine.leading]).toEqual([false, true]), 10_000);
    const run = await settledRun(`${scope}-counted`, await send(first, "pair/counted", { n: "after-loss" }));
    expect(run.status).toBe("completed");
    expect(stepRuns["after-loss"]).toBe(1);
  });

  it("hands the scope back when the leader stops", async () => {
    await second.stop();
    await eventually(() => expect(first.engine.leading).toBe(true), 10_000);
    const run = await settledRun(`${scope}-counted`, await send(first, "pair/counted", { n: "after-stop" }));
    expect(run.status).toBe("completed");
    expect(stepRuns["after-stop"]).toBe(1);
  });
});
