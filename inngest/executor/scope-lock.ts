/**
 * Which executor drives a scope: the one holding a PostgreSQL session-level advisory lock on it, on a
 * connection of its own kept for as long as it leads. A second executor started on the same scope (a second
 * `npm run dev` on one database, `npm run executor` beside `npm start`) would otherwise call the same runs
 * and run their steps twice; instead it stands by, trying the lock every `retryMs`, and takes over when the
 * first stops or dies (PostgreSQL releases a session lock when its connection ends, however it ends).
 *
 * The same connection LISTENs for the standby's word that it stored events or a registration, so runs
 * accepted by any executor of the scope start at once. Losing the connection means losing the lock: the
 * engine is told, stops starting calls, and tries to lead again.
 */
import pg from "pg";
import { connectionLimits } from "../../lib/db";

/** The NOTIFY channel a standby executor tells the leader on; the payload is `<what>:<scope>`. */
export const EXECUTOR_CHANNEL = "labwise_executor";
export type ScopeNews = "runs" | "functions";

export interface ScopeLockEvents {
  /** The lock was taken (at start, or on taking over). */
  onAcquired(): void;
  /** The lock's connection ended while leading: another executor may lead now. */
  onLost(reason: string): void;
  /** A standby stored something for this scope. */
  onNews(news: ScopeNews): void;
  log(message: string): void;
}

export class ScopeLock {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private held = false;
  private closed = true;
  private announcedStandby = false;

  constructor(
    private readonly scope: string,
    private readonly retryMs: number,
    private readonly events: ScopeLockEvents,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  /** Tries the lock now and keeps trying until it is held or `release()` is called; never throws. */
  async start(): Promise<void> {
    this.closed = false;
    await this.attempt();
  }

  /** Gives the lock up (a standby then takes over within its `retryMs`) and stops trying. */
  async release(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.held = false;
    if (!client) return;
    // Ending the session releases the lock; the explicit unlock only makes it immediate on a pooled server.
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async attempt(): Promise<void> {
    if (this.closed || this.held) return;
    try {
      const client = this.client ?? (await this.connect());
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [
        `labwise-executor:${this.scope}`,
      ]);
      if (this.closed) return;
      if (rows[0]?.locked) {
        this.held = true;
        this.announcedStandby = false;
        await client.query(`LISTEN ${EXECUTOR_CHANNEL}`);
        this.events.onAcquired();
        return;
      }
      if (!this.announcedStandby) {
        this.announcedStandby = true;
        this.events.log(`another executor is running scope "${this.scope}"; this one stands by (it accepts events) and takes over when that one stops`);
      }
    } catch (error) {
      this.dropClient();
      this.events.log(`could not reach the database for the scope lock: ${(error as Error).message}; retrying in ${this.retryMs} ms`);
    }
    this.retryLater();
  }

  private retryLater(): void {
    clearTimeout(this.timer);
    if (!this.closed) this.timer = setTimeout(() => void this.attempt(), this.retryMs);
  }

  private async connect(): Promise<pg.Client> {
    const limits = connectionLimits();
    const client = new pg.Client({
      connectionString: limits.connectionString,
      connectionTimeoutMillis: limits.connectTimeoutMs,
      keepAlive: true,
      application_name: `labwise-executor:${this.scope}`,
    });
    // A connection error after connecting arrives here, not as a rejected query: without a listener it would
    // be an uncaught exception in the process that also runs the database.
    client.on("error", (error) => this.connectionEnded(client, error.message));
    client.on("end", () => this.connectionEnded(client, "the connection closed"));
    client.on("notification", (message) => {
      const [news, scope] = (message.payload ?? "").split(/:(.*)/s);
      if (scope === this.scope && (news === "runs" || news === "functions")) this.events.onNews(news);
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private connectionEnded(client: pg.Client, reason: string): void {
    if (client !== this.client) return;
    const wasHeld = this.held;
    this.dropClient();
    if (this.closed) return;
    if (wasHeld) this.events.onLost(reason);
    this.retryLater();
  }

  /** Forgets the connection (its late events are ignored: they name a client that is no longer ours). */
  private dropClient(): void {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    void client?.end().catch(() => undefined);
  }
}
