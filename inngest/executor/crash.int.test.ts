/**
 * The executor process killed (SIGKILL) in the middle of a run, then started again: the run completes, the
 * step that had finished before the crash does not run again, and the step the app was still running when the
 * executor died is not called a second time alongside it (the new executor leaves the runs open at its
 * takeover alone for EXECUTOR_TAKEOVER_GRACE_MS). And an executor started while its database is down waits
 * for it rather than exiting.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scope = `crash-${Date.now()}`;
const appId = `crash-app-${Date.now()}`;
const effects = { first: 0, second: new Set<string>(), secondCalls: 0, secondAtOnce: 0, mostAtOnce: 0 };
/** Long enough for the call the killed executor left in the app to finish; short, for the test's sake. */
const GRACE_MS = 2000;
let child: ChildProcess | undefined;

function startExecutorProcess(port: number, appUrl: string): Promise<ChildProcess> {
  // node --import tsx: one process, so SIGKILL reaches the executor itself rather than a wrapper.
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/executor.ts")], {
    cwd: ROOT,
    env: { ...process.env, EXECUTOR_PORT: String(port), EXECUTOR_SCOPE: scope, APP_INNGEST_URL: appUrl, EXECUTOR_TAKEOVER_GRACE_MS: String(GRACE_MS) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk) => {
      out += chunk;
      if (out.includes("registered")) resolve(proc);
    });
    proc.stderr!.on("data", (chunk) => (out += chunk));
    proc.on("exit", (code) => reject(new Error(`executor exited (${code}): ${out}`)));
  });
}

afterAll(() => {
  child?.kill("SIGKILL");
});

describe("executor crash", () => {
  it("resumes a run after the executor process is killed mid-run", async () => {
    const port = await freePort();
    // The child executor takes INNGEST_SIGNING_KEY / INNGEST_EVENT_KEY from the environment the test setup made.
    const signingKey = process.env.INNGEST_SIGNING_KEY!;
    const eventKey = process.env.INNGEST_EVENT_KEY!;
    const client = new Inngest({ id: appId, isDev: false, baseUrl: `http://127.0.0.1:${port}`, signingKey, eventKey });
    let releaseSecond: () => void = () => {};
    const secondStarted = new Promise<void>((resolve) => (releaseSecond = resolve));
    const fn = client.createFunction({ id: "two-steps", triggers: [{ event: "crash/test" }] }, async ({ event, step }) => {
      await step.run("first", () => ++effects.first);
      await step.run("second", async () => {
        effects.secondCalls++;
        effects.mostAtOnce = Math.max(effects.mostAtOnce, ++effects.secondAtOnce);
        releaseSecond();
        // Still running when the executor is killed, and when its successor starts.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        effects.secondAtOnce--;
        effects.second.add(event.id!); // idempotent by design: a set keyed by the event
      });
      return "done";
    });
    const appPort = await freePort();
    const app = http.createServer(serve({ client, functions: [fn], serveOrigin: `http://127.0.0.1:${appPort}` }));
    await new Promise<void>((resolve) => app.listen(appPort, "127.0.0.1", () => resolve()));
    const appUrl = `http://127.0.0.1:${appPort}/api/inngest`;

    try {
      child = await startExecutorProcess(port, appUrl);
      const sent = await fetch(`http://127.0.0.1:${port}/e/${eventKey}`, { method: "POST", body: JSON.stringify({ name: "crash/test", data: {} }) });
      const [eventId] = ((await sent.json()) as { ids: string[] }).ids;

      await secondStarted;
      child.kill("SIGKILL");
      await new Promise((resolve) => child!.once("exit", resolve));
      const midway = await db.executorRun.findFirstOrThrow({ where: { scope, eventId } });
      expect(midway.status).toBe("running");
      expect(midway.stack).toHaveLength(1);

      child = await startExecutorProcess(port, appUrl);
      const deadline = Date.now() + 20_000;
      let run = midway;
      while (run.status !== "completed" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        run = await db.executorRun.findFirstOrThrow({ where: { scope, eventId } });
      }
      expect(run.status).toBe("completed");
      expect(run.output).toBe("done");
      expect(effects.first).toBe(1);
      expect(effects.second.size).toBe(1);
      // The call left in flight finished and checkpointed its step during the grace: it was never called twice.
      expect(effects.mostAtOnce).toBe(1);
      expect(effects.secondCalls).toBe(1);
    } finally {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  }, 60_000);
});

describe("executor started while its database is down", () => {
  it("keeps running, standing by, and drives its scope once the database answers", async () => {
    const [dbPort, port] = [await freePort(), await freePort()];
    const dir = await mkdtemp(path.join(os.tmpdir(), "labwise-executor-nodb-"));
    const dataDir = path.join(dir, "pg");
    // A migrated database, stopped before the executor starts, started again later on the same port.
    let database: EmbeddedDatabase | undefined = await startEmbeddedPostgres({ dataDir, port: dbPort });
    const url = database.url;
    await applyMigrations(url);
    await database.stop();
    database = undefined;
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/executor.ts")], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, EXECUTOR_PORT: String(port), EXECUTOR_SCOPE: `nodb-${Date.now()}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout!.on("data", (chunk) => (out += chunk));
    proc.stderr!.on("data", (chunk) => (out += chunk));
    let exited: number | null = null;
    proc.on("exit", (code) => (exited = code));
    const role = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
      return res?.ok ? ((await res.json()) as { role: string }).role : null;
    };
    const until = async (want: string, ms: number) => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline && exited === null) {
        if ((await role()) === want) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`the executor never reported ${want} (exit code ${exited}): ${out}`);
    };
    try {
      await until("standby", 30_000);
      database = await startEmbeddedPostgres({ dataDir, port: dbPort });
      await until("leader", 30_000);
      expect(exited).toBeNull();
    } finally {
      proc.kill("SIGKILL");
      await database?.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
