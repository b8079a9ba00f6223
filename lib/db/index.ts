/**
 * The Prisma client, over node-postgres through `@prisma/adapter-pg` (Prisma 7 has no built-in driver).
 * One client per process; in development Next re-evaluates modules on change, so it is kept on globalThis.
 *
 * Every connection has limits (DATABASE_*_MS): a runaway statement is cancelled by PostgreSQL
 * (`statement_timeout`) instead of holding a pooled connection forever, an unreachable server fails a
 * connection attempt instead of hanging the request, and idle connections are closed.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { config } from "../config";
import { Prisma, PrismaClient } from "./generated/client";

export { Prisma };
export type * from "./generated/client";
export * from "./generated/enums";

const globalForPrisma = globalThis as unknown as { labwisePrisma?: PrismaClient };

export interface ConnectionLimits {
  connectionString: string;
  /** Connections in the pool. */
  max: number;
  /** PostgreSQL's `statement_timeout`; 0 leaves the server's (none). */
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /** An idle pooled connection is closed after this; 0 keeps it. */
  idleTimeoutMs: number;
}

/** The configured limits (DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_*_TIMEOUT_MS). */
export function connectionLimits(): ConnectionLimits {
  const c = config();
  return {
    connectionString: c.DATABASE_URL,
    max: c.DATABASE_POOL_SIZE,
    statementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: c.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: c.DATABASE_IDLE_TIMEOUT_MS,
  };
}

/**
 * node-postgres settings for those limits: the Prisma pool's, and those of the few connections kept apart from
 * it (the executor's scope lock, idempotency locks).
 */
export function poolConfig(limits: ConnectionLimits = connectionLimits()): pg.PoolConfig {
  return {
    connectionString: limits.connectionString,
    max: limits.max,
    ...(limits.statementTimeoutMs > 0 ? { statement_timeout: limits.statementTimeoutMs } : {}),
    connectionTimeoutMillis: limits.connectTimeoutMs,
    idleTimeoutMillis: limits.idleTimeoutMs,
    keepAlive: true,
  };
}

/**
 * Interactive transactions (`db.$transaction(async (tx) => …)`) under the same limits: Prisma's defaults wait
 * only 2 s to start one and cut it off after 5 s, which a busy process (OCR on the event loop, a burst of labs on
 * two cores) exceeds without anything being wrong — and a pipeline step failed that way is retried for nothing.
 * A transaction waits for a connection as long as opening one may take, and runs as long as a statement may.
 */
export function transactionOptions(limits: ConnectionLimits = connectionLimits()) {
  return { maxWait: limits.connectTimeoutMs, timeout: limits.statementTimeoutMs > 0 ? limits.statementTimeoutMs : 60_000 };
}

/** A Prisma client of its own, with the given limits (tests; the app shares `db`). Disconnect it when done. */
export function createPrismaClient(limits: ConnectionLimits = connectionLimits()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfig(limits)), transactionOptions: transactionOptions(limits) });
}

function client(): PrismaClient {
  return (globalForPrisma.labwisePrisma ??= createPrismaClient());
}

/**
 * The client, created on first use rather than at import, so that importing a module that uses the database
 * (as `next build` does when it collects routes) needs no DATABASE_URL.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_, property) {
    const target = client();
    const value = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

export type Tx = Prisma.TransactionClient;
