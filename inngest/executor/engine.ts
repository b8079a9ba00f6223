/**
 * The embedded executor's engine: persists events and runs in PostgreSQL and drives each run by calling the
 * app's real `serve()` endpoint with the memoised step state until the function completes (DESIGN §3).
 *
 * One engine drives a scope at a time (it is the single-machine executor; past one machine the same functions
 * run on Inngest): it holds the scope's advisory lock (./scope-lock.ts), and a second engine started on the
 * scope stands by until the first stops. Runs survive restarts: everything needed to continue a run is in its
 * row, and `start()` picks up whatever was queued, running or sleeping. A step whose result was not yet
 * recorded when the process died runs again, so steps must be idempotent — which is Inngest's own contract.
 *
 * Nothing that goes wrong while driving a run escapes as an unhandled rejection (this process may also run
 * the embedded PostgreSQL): a failed database write, an answer that cannot be read, an operation that makes
 * no sense are each logged and counted as a failed attempt — retried with backoff, or the run failed.
 */
import { randomUUID } from "node:crypto";
import { db, Prisma } from "../../lib/db";
import type { ExecutorRun } from "../../lib/db";
import { log } from "../../lib/log";
import { callFunction, errorMessage, retryOrFail, type CompletedStep, type Outcome } from "./call";
import {
  FAILURE_EVENT,
  backoffMs,
  concurrencyOf,
  matchesTrigger,
  maxAttemptsOf,
  priorityOf,
  stepUrlOf,
  type InngestEvent,
  type RegisteredFunction,
} from "./protocol";
import { EXECUTOR_CHANNEL, ScopeLock, type ScopeNews } from "./scope-lock";
import type { ExecutorKeys } from "./signing";

export interface EngineOptions {
  /** Executors sharing one database keep to their own scope (tests run several); one deployment, one scope. */
  scope?: string;
  /** Base delay between retries of a failed step; doubled per attempt. */
  backoffBaseMs?: number;
  /** Runs called at once, across all functions. */
  maxParallel?: number;
  requestTimeoutMs?: number;
  log?: (message: string) => void;
  /**
   * The signing and event keys the app shares with this executor. With them, every call to the app is signed
   * (the SDK verifies it in production mode), and registrations and events must prove they know them.
   */
  keys?: ExecutorKeys;
  /** How often an engine standing by (another holds its scope) tries to take over. */
  standbyRetryMs?: number;
  /**
   * After taking its scope, how long the engine leaves alone the runs that were already open: an engine that
   * died (kill -9) may have left calls running in the app, and a second call of the same run alongside one
   * still in flight would run its steps twice at once (a step replayed after a later one undoes it). Calls
   * still in flight checkpoint their steps meanwhile, so the run resumes after them. Runs created after the
   * takeover are called at once.
   */
  takeoverGraceMs?: number;
}

/** `takeoverGraceMs` unless given: longer than a pipeline's or a delivery's call, short enough for a failover. */
const DEFAULT_TAKEOVER_GRACE_MS = 10_000;

/** How far back a newly registered function looks for events that arrived before it. */
const RECENT_EVENTS_MS = 15 * 60_000;

export class ExecutorEngine {
  private readonly scope: string;
  private readonly backoffBaseMs: number;
  private readonly maxParallel: number;
  private readonly requestTimeoutMs: number;
  private readonly log: (message: string) => void;
  readonly keys: ExecutorKeys | undefined;
  private functions = new Map<string, RegisteredFunction>();
  /** Whether `functions` was read from the database: until it is, no run may be judged "not registered". */
  private functionsLoaded = false;
  /** Function id → the serve URL of every app process that registered it; calls go round them in turn. */
  private servers = new Map<string, string[]>();
  private calls = 0;
  private readonly inFlight = new Set<string>();
  private readonly perKey = new Map<string, number>();
  /** Each concurrency key's limit, as its runs in flight state it. */
  private readonly limitOf = new Map<string, number>();
  /** Runs whose failed attempt could not even be recorded: not called again before this time. */
  private readonly coolingDown = new Map<string, number>();
  private readonly lock: ScopeLock;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private passCount = 0;
  private tickAgain = false;
  private stopped = true;
  private readonly takeoverGraceMs: number;
  /** Since when this engine holds its scope: the runs open before then wait `takeoverGraceMs` from it. */
  private takenOverAt = new Date(0);

  constructor(options: EngineOptions = {}) {
    this.scope = options.scope ?? "default";
    this.backoffBaseMs = options.backoffBaseMs ?? 1000;
    this.maxParallel = options.maxParallel ?? 16;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5 * 60_000;
    this.log = options.log ?? ((message) => log.info({ component: "executor", scope: this.scope }, message));
    this.keys = options.keys;
    this.takeoverGraceMs = options.takeoverGraceMs ?? DEFAULT_TAKEOVER_GRACE_MS;
    this.lock = new ScopeLock(this.scope, options.standbyRetryMs ?? 1000, {
      onAcquired: () => {
        this.takenOverAt = new Date();
        this.log(`driving scope "${this.scope}"${this.takeoverGraceMs ? `; runs already open resume in ${this.takeoverGraceMs} ms` : ""}`);
        this.refresh();
      },
      onLost: (reason) => {
        // Calls in flight finish; no new call starts until the lock is held again.
        this.log(`lost the lock on scope "${this.scope}" (${reason}); standing by until it can be taken again`);
        clearTimeout(this.timer);
      },
      onNews: (news) => (news === "functions" ? this.refresh() : this.wake()),
      log: this.log,
    });
  }

  /**
   * Loads the registered functions and takes the scope's lock, or stands by while another engine holds it
   * (this engine then still accepts events and registrations, and tells the leader about them).
   */
  async start(): Promise<void> {
    this.stopped = false;
    // PostgreSQL may be down as the executor starts (both restarting at once): the functions are then loaded
    // before the first pass over due runs instead, which waits for the database like everything else.
    await this.loadFunctions().catch((error: unknown) =>
      this.log(`could not load the registered functions yet (${errorMessage(error)}); loading them once the database answers`),
    );
    await this.lock.start();
  }

  /** Whether this engine drives its scope now (false while another engine does). */
  get leading(): boolean {
    return this.lock.isHeld && !this.stopped;
  }

  /** Stops calling runs, waits for the calls in flight, then gives up the scope; runs continue at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.inFlight.size) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.lock.release();
  }

  /** Reloads the functions (another engine of the scope registered some), then looks for due runs. */
  private refresh(): void {
    this.loadFunctions().then(
      () => this.wake(),
      (error: Error) => {
        this.log(`could not load the registered functions: ${error.message}`);
        this.wake();
      },
    );
  }

  /** A standby engine tells the leader what it stored, so runs it accepted start at once. */
  private async tellLeader(news: ScopeNews): Promise<void> {
    if (this.leading) return;
    await db.$executeRaw`SELECT pg_notify(${EXECUTOR_CHANNEL}, ${`${news}:${this.scope}`})`.catch((error: Error) =>
      this.log(`could not notify the executor driving scope "${this.scope}": ${error.message}`),
    );
  }

  /** Passes over due runs so far: a handful per run called, however long runs wait for room. */
  get passes(): number {
    return this.passCount;
  }

  get registeredFunctionIds(): string[] {
    return [...this.functions.keys()];
  }

  /** `POST /fn/register`: the app's functions, replacing what that app registered before. */
  async register(url: string, appName: string, functions: RegisteredFunction[]): Promise<void> {
    await db.executorApp.upsert({
      where: { url },
      create: { url, scope: this.scope, appName, functions: functions as unknown as Prisma.InputJsonValue },
      update: { scope: this.scope, appName, functions: functions as unknown as Prisma.InputJsonValue, registeredAt: new Date() },
    });
    await this.loadFunctions();
    this.log(`registered ${functions.length} function(s) from ${appName}: ${functions.map((f) => f.id).join(", ")}`);
    await this.runRecentEvents(functions);
    await this.tellLeader("functions");
  }

  /**
   * Events that arrived before their function was registered (a lab registered while the app was still
   * starting) get their runs now; the unique (function, event) pair keeps this from running anything twice.
   */
  private async runRecentEvents(functions: RegisteredFunction[]): Promise<void> {
    const names = [...new Set(functions.flatMap((fn) => fn.triggers.map((t) => t.event).filter((n): n is string => Boolean(n))))];
    const recent = await db.executorEvent.findMany({
      where: { scope: this.scope, name: { in: names }, receivedAt: { gte: new Date(Date.now() - RECENT_EVENTS_MS) } },
    });
    const events = recent.map((e) => ({ id: e.id, name: e.name, data: e.data as Record<string, unknown>, ts: Number(e.ts) }));
    // The events are stored already: storing them again does nothing.
    if (events.length) await this.storeEventsAndRuns(events, this.runsFor(events));
    this.wake();
  }

  private async loadFunctions(): Promise<void> {
    // Oldest first, so that the newest registration's definition of a function is the one kept.
    const apps = await db.executorApp.findMany({ where: { scope: this.scope }, orderBy: { registeredAt: "asc" } });
    const registered = apps.flatMap((app) => app.functions as unknown as RegisteredFunction[]);
    this.functions = new Map(registered.map((fn) => [fn.id, fn] as const));
    this.functionsLoaded = true;
    const servers = new Map<string, string[]>();
    for (const fn of registered) servers.set(fn.id, [...new Set([stepUrlOf(fn), ...(servers.get(fn.id) ?? [])])]);
    this.servers = servers;
  }

  /**
   * `POST /e/:key`: stores the events and starts a run of every function they trigger. An event id seen
   * before is not run again (the SDK's `id` option is how callers de-duplicate).
   */
  async ingest(incoming: Partial<InngestEvent>[]): Promise<string[]> {
    const events: InngestEvent[] = incoming.map((e) => {
      if (typeof e.name !== "string" || !e.name) throw new TypeError("every event needs a name");
      return { id: e.id ?? randomUUID(), name: e.name, data: e.data ?? {}, ts: e.ts ?? Date.now(), ...(e.v ? { v: e.v } : {}) };
    });
    // A standby hears of no registration (the leader does): it reads the functions before matching events.
    if (!this.leading) await this.loadFunctions();
    await this.storeEventsAndRuns(events, this.runsFor(events));
    this.wake();
    await this.tellLeader("runs");
    return events.map((e) => e.id);
  }

  /** The runs `events` trigger: one per event and matching function. */
  private runsFor(events: InngestEvent[]) {
    const now = Date.now();
    return events.flatMap((event) =>
      [...this.functions.values()]
        .filter((fn) => matchesTrigger(fn, event))
        .map((fn) => {
          const concurrency = concurrencyOf(fn, event);
          return {
            appUrl: stepUrlOf(fn),
            scope: this.scope,
            functionId: fn.id,
            eventId: event.id,
            event,
            maxAttempts: maxAttemptsOf(fn),
            concurrencyKey: concurrency?.key ?? null,
            concurrencyLimit: concurrency?.limit ?? null,
            // Due runs start in order of this time: a run with priority is due as if it had arrived earlier.
            nextRunAt: new Date(now - priorityOf(fn, event) * 1000),
          };
        }),
    );
  }

  /**
   * Stores events and the runs they trigger, in one statement. An event id seen before is not stored again,
   * and a function runs once per event (its unique pair): the SDK's event `id` is how callers de-duplicate.
   */
  private async storeEventsAndRuns(events: InngestEvent[], runs: ReturnType<ExecutorEngine["runsFor"]>): Promise<void> {
    const ofEvents = <T>(pick: (e: InngestEvent) => T) => events.map(pick);
    const ofRuns = <T>(pick: (r: (typeof runs)[number]) => T) => runs.map(pick);
    await db.$executeRaw`
      WITH stored AS (
        INSERT INTO executor_events (id, scope, name, data, ts)
        SELECT e.id, ${this.scope}, e.name, e.data::jsonb, e.ts
          FROM unnest(${ofEvents((e) => e.id)}::text[], ${ofEvents((e) => e.name)}::text[], ${ofEvents((e) => JSON.stringify(e.data))}::text[],
            ${ofEvents((e) => String(e.ts))}::bigint[]) AS e(id, name, data, ts)
        ON CONFLICT DO NOTHING)
      INSERT INTO executor_runs (app_url, scope, function_id, event_id, event, max_attempts, concurrency_key, concurrency_limit, next_run_at, updated_at)
      SELECT r.app_url, ${this.scope}, r.function_id, r.event_id, r.event::jsonb, r.max_attempts, r.concurrency_key, r.concurrency_limit, r.next_run_at, now()
        FROM unnest(${ofRuns((r) => r.appUrl)}::text[], ${ofRuns((r) => r.functionId)}::text[], ${ofRuns((r) => r.eventId)}::text[],
          ${ofRuns((r) => JSON.stringify(r.event))}::text[], ${ofRuns((r) => r.maxAttempts)}::int[], ${ofRuns((r) => r.concurrencyKey)}::text[],
          ${ofRuns((r) => r.concurrencyLimit)}::int[], ${ofRuns((r) => r.nextRunAt)}::timestamptz[])
          AS r(app_url, function_id, event_id, event, max_attempts, concurrency_key, concurrency_limit, next_run_at)
      ON CONFLICT DO NOTHING`;
  }

  /**
   * `POST /v1/checkpoint/:run/async`: steps the SDK completed in the call it is still answering, memoised now
   * so that a crash before the call ends does not run them again. False when this scope has no such open run
   * (queued or running: it ended, or the id is wrong): the SDK then stops, as Inngest's "stale dispatch" asks.
   */
  async checkpoint(runId: string, steps: CompletedStep[]): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(runId)) return false;
    return this.recordSteps(runId, steps, { onlyIfOpen: true });
  }

  /**
   * Adds completed steps to the run's memo, in order, and resets its attempt. A step already memoised keeps
   * its first result (a call that was cut off and retried may report one again): the memo only grows.
   */
  private async recordSteps(runId: string, steps: CompletedStep[], options: { onlyIfOpen?: boolean; nextRunAt?: Date; startedAt?: Date } = {}): Promise<boolean> {
    const memo = JSON.stringify(Object.fromEntries(steps));
    const ids = steps.map(([id]) => id);
    const nextRunAt = options.nextRunAt ?? null;
    const updated = await db.$executeRaw`
      UPDATE executor_runs
         SET steps = ${memo}::jsonb || steps,
             stack = stack || ARRAY(SELECT s.id FROM unnest(${ids}::text[]) WITH ORDINALITY AS s(id, n) WHERE s.id <> ALL(stack) ORDER BY s.n),
             attempt = 0,
             status = 'running',
             started_at = coalesce(started_at, ${options.startedAt ?? new Date()}::timestamptz),
             next_run_at = coalesce(${nextRunAt}::timestamptz, next_run_at),
             updated_at = now()
       WHERE id = ${runId}::uuid AND scope = ${this.scope} AND (status IN ('queued', 'running') OR NOT ${options.onlyIfOpen ?? false})`;
    return updated === 1;
  }

  /** Schedules a pass over due runs (coalesced: one pass at a time, another right after if asked). */
  wake(): void {
    if (!this.leading) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    try {
      let passAt: Date;
      do {
        this.tickAgain = false;
        this.passCount++;
        passAt = await this.dispatchDue();
      } while (this.tickAgain && !this.stopped);
      await this.scheduleNext(passAt);
    } catch (error) {
      // The database is unreachable, say: try again shortly, however long that lasts.
      this.log(`scheduler error: ${errorMessage(error)}; trying again in 1 s`);
      clearTimeout(this.timer);
      if (this.leading) this.timer = setTimeout(() => void this.tick(), 1000);
    } finally {
      this.ticking = false;
      // A run that finished while this pass was scheduling the next one asked for another pass.
      if (this.tickAgain) this.wake();
    }
  }

  private get takeoverGraceEndsAt(): number {
    return this.takenOverAt.getTime() + this.takeoverGraceMs;
  }

  private inTakeoverGrace(): boolean {
    return Date.now() < this.takeoverGraceEndsAt;
  }

  /** Runs not to pick up now: those being called, and those cooling down after an unrecordable failure. */
  private busyRunIds(): string[] {
    const now = Date.now();
    for (const [id, until] of this.coolingDown) if (until <= now) this.coolingDown.delete(id);
    return [...this.inFlight, ...this.coolingDown.keys()];
  }

  /**
   * Calls the runs due at the time it returns, as far as there is room: up to `maxParallel` at once, and within
   * each concurrency key's limit. A run left waiting for room is not timed; the end of a call makes room and
   * wakes the engine (`dispatch`).
   */
  private async dispatchDue(): Promise<Date> {
    const now = new Date();
    if (!this.leading) return now;
    if (!this.functionsLoaded) await this.loadFunctions();
    const free = this.maxParallel - this.inFlight.size;
    if (free <= 0) return now;
    const full = [...this.perKey].filter(([key, count]) => count >= (this.limitOf.get(key) ?? Infinity)).map(([key]) => key);
    const take = free * 4;
    const due = await db.executorRun.findMany({
      where: {
        scope: this.scope,
        status: { in: ["queued", "running"] },
        nextRunAt: { lte: now },
        id: { notIn: this.busyRunIds() },
        ...(full.length ? { OR: [{ concurrencyKey: null }, { concurrencyKey: { notIn: full } }] } : {}),
        ...(this.inTakeoverGrace() ? { createdAt: { gt: this.takenOverAt } } : {}),
      },
      orderBy: { nextRunAt: "asc" },
      take,
    });
    for (const run of due) {
      if (this.inFlight.size >= this.maxParallel || !this.leading) break;
      if (run.concurrencyKey && (this.perKey.get(run.concurrencyKey) ?? 0) >= (run.concurrencyLimit ?? Infinity)) continue;
      this.dispatch(run);
    }
    // A full page whose runs filled their keys may hide due runs of other keys behind it: look again.
    if (due.length === take && this.inFlight.size < this.maxParallel) this.tickAgain = true;
    return now;
  }

  /** Calls the run; whatever fails is caught here (`recover`), so no call ends in an unhandled rejection. */
  private dispatch(run: ExecutorRun): void {
    this.inFlight.add(run.id);
    if (run.concurrencyKey) {
      this.perKey.set(run.concurrencyKey, (this.perKey.get(run.concurrencyKey) ?? 0) + 1);
      this.limitOf.set(run.concurrencyKey, run.concurrencyLimit ?? Infinity);
    }
    void this.execute(run)
      .catch((error: unknown) => this.recover(run, error))
      .catch((error: unknown) => this.log(`run ${run.id}: ${errorMessage(error)}`))
      .finally(() => {
        this.inFlight.delete(run.id);
        if (run.concurrencyKey) {
          const left = (this.perKey.get(run.concurrencyKey) ?? 1) - 1;
          if (left > 0) this.perKey.set(run.concurrencyKey, left);
          else {
            this.perKey.delete(run.concurrencyKey);
            this.limitOf.delete(run.concurrencyKey);
          }
        }
        this.wake();
      });
  }

  /**
   * What the executor itself failed at while driving a run — a database write, reading the app's answer —
   * counts as a failed attempt of the current step: retried with backoff, or the run failed once its attempts
   * are spent. If even that cannot be written, the run stays as the database has it and this engine leaves it
   * alone for the backoff, then calls it again (its unrecorded step runs again: steps are idempotent).
   */
  private async recover(run: ExecutorRun, error: unknown): Promise<void> {
    const message = `the executor could not complete this attempt: ${errorMessage(error)}`;
    this.log(`run ${run.id} of ${run.functionId}: ${message}`);
    try {
      await this.finish(run, retryOrFail(run, { name: "ExecutorError", message }, this.backoffBaseMs));
    } catch (again) {
      const delay = backoffMs(run.attempt + 1, this.backoffBaseMs);
      this.coolingDown.set(run.id, Date.now() + delay);
      this.log(`run ${run.id}: could not record that either (${errorMessage(again)}); calling it again in ${delay} ms`);
    }
  }

  /**
   * Times the next pass for the first run that falls due after the last pass (a sleep, a retry's backoff) or a
   * run cooling down. Runs that were due at that pass and are still waiting wait for room, and the call that
   * makes room wakes the engine: timing them would only spin, one query after another, while the engine is full.
   */
  private async scheduleNext(passAt: Date): Promise<void> {
    if (!this.leading) return;
    if (this.inFlight.size >= this.maxParallel && !this.coolingDown.size) return;
    const next = await db.executorRun.findFirst({
      where: { scope: this.scope, status: { in: ["queued", "running"] }, nextRunAt: { gt: passAt }, id: { notIn: this.busyRunIds() } },
      orderBy: { nextRunAt: "asc" },
      select: { nextRunAt: true },
    });
    const wakeAt = Math.min(next?.nextRunAt.getTime() ?? Infinity, ...this.coolingDown.values(), this.inTakeoverGrace() ? this.takeoverGraceEndsAt : Infinity);
    if (wakeAt === Infinity) return;
    const delay = Math.min(Math.max(0, wakeAt - Date.now()), 60_000);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), delay);
  }

  /**
   * Calls the function with the memoised state and records what it answers. The SDK checkpoints (./call.ts),
   * so one call usually runs the whole function. When it hands steps back with nothing to wait for (its time
   * budget ran out, or it was retrying a step), the run is called again at once with the state as recorded,
   * instead of being left for the next pass over due runs.
   */
  private async execute(first: ExecutorRun): Promise<void> {
    let run: ExecutorRun | null = first;
    while (run) {
      const fn = this.functions.get(run.functionId);
      if (!fn) {
        await this.finish(run, { kind: "failed", error: { name: "Error", message: `function ${run.functionId} is not registered` } });
        return;
      }
      // A run stays `queued` until its first call records something (a checkpoint or this call's end), which
      // also records when the call began: one statement fewer per run than marking it `running` first.
      const calledAt = new Date();
      const outcome = await callFunction(run, this.inTurn(this.servers.get(fn.id) ?? [stepUrlOf(fn)]), {
        keys: this.keys,
        requestTimeoutMs: this.requestTimeoutMs,
        backoffBaseMs: this.backoffBaseMs,
      });
      await this.finish(run, outcome, calledAt);
      run = await this.continuation(run, outcome);
    }
  }

  /**
   * The run as now recorded, when the call left it due again at once (not a retry, not a sleep). A call that
   * completed nothing, not even through a checkpoint, and only planned steps is asking for steps to be run in
   * parallel, one call each, which this executor does not do: the run fails saying so rather than loop.
   */
  private async continuation(run: ExecutorRun, outcome: Outcome): Promise<ExecutorRun | null> {
    if (outcome.kind !== "continue" || outcome.error !== undefined || outcome.nextRunAt.getTime() > Date.now() || !this.leading) return null;
    const now = await db.executorRun.findUnique({ where: { id: run.id } });
    if (!now || now.status !== "running") return null;
    if (!outcome.steps?.length && now.stack.length === run.stack.length) {
      const message = "the function planned steps without running any (parallel steps), which the embedded executor does not support";
      await this.finish(now, { kind: "failed", error: { name: "Error", message } });
      return null;
    }
    return now;
  }

  /** The servers rotated by one per call: app processes of one deployment share the steps. */
  private inTurn(servers: string[]): string[] {
    const first = this.calls++ % servers.length;
    return [...servers.slice(first), ...servers.slice(0, first)];
  }

  /** Records a call's outcome; `calledAt` is when the call began (absent when the run was not called). */
  private async finish(run: ExecutorRun, outcome: Outcome, calledAt?: Date): Promise<void> {
    const startedAt = run.startedAt ?? calledAt;
    if (outcome.kind === "continue" && outcome.steps?.length) {
      await this.recordSteps(run.id, outcome.steps, { nextRunAt: outcome.nextRunAt, startedAt });
      return;
    }
    if (outcome.kind === "continue") {
      await db.executorRun.update({
        where: { id: run.id },
        data: {
          status: "running",
          startedAt,
          attempt: outcome.attempt,
          nextRunAt: outcome.nextRunAt,
          ...(outcome.error !== undefined ? { error: outcome.error as Prisma.InputJsonValue } : {}),
        },
      });
      return;
    }
    if (outcome.kind === "completed") {
      await db.executorRun.update({
        where: { id: run.id },
        data: { status: "completed", startedAt, output: (outcome.output ?? Prisma.JsonNull) as Prisma.InputJsonValue, endedAt: new Date() },
      });
      return;
    }
    // The failure event first, with an id of the run's own: if marking the run failed then fails, the run is
    // driven to this point again and the event, already stored, is not sent twice.
    if (!run.functionId.endsWith("-failure")) {
      await this.ingest([
        { id: `${run.id}:failed`, name: FAILURE_EVENT, data: { function_id: run.functionId, run_id: run.id, error: outcome.error, event: run.event } },
      ]);
    }
    await db.executorRun.update({
      where: { id: run.id },
      data: { status: "failed", startedAt, error: (outcome.error ?? Prisma.JsonNull) as Prisma.InputJsonValue, endedAt: new Date() },
    });
    this.log(`run ${run.id} of ${run.functionId} failed: ${describe(outcome.error)}`);
  }
}

function describe(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  return JSON.stringify(error);
}
