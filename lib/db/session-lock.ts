/**
 * PostgreSQL session-level advisory locks held around work that runs on other connections: the lock lives on
 * a connection of its own (a small pool apart from Prisma's), taken before the work and released after it.
 * Whoever wants the same lock waits in PostgreSQL's lock queue — woken the moment it is free, no polling —
 * and a holder whose process dies releases it with its connection, so a lock can never outlive its holder.
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */
import pg from "pg";
import { connectionLimits, poolConfig } from "./index";

/** The lock was still held by someone else when the wait ran out. */
export class LockWaitTimeout extends Error {
  constructor(readonly lockName: string) {
    super(`timed out waiting for the lock ${lockName}`);
    this.name = "LockWaitTimeout";
  }
}

const LOCK_NOT_AVAILABLE = "55P03";
const globalForLocks = globalThis as unknown as { labwiseLockPool?: pg.Pool };

function lockPool(): pg.Pool {
  if (!globalForLocks.labwiseLockPool) {
    const pool = new pg.Pool(poolConfig(connectionLimits()));
    // An idle connection that fails is dropped by the pool; without a listener the error would be thrown.
    pool.on("error", () => undefined);
    globalForLocks.labwiseLockPool = pool;
  }
  return globalForLocks.labwiseLockPool;
}

/**
 * Runs `work` holding the advisory lock named `name` (hashed to PostgreSQL's 64-bit key space; two names that
 * collide merely wait for each other). Waits up to `waitMs` for it, then throws `LockWaitTimeout`.
 */
export async function withSessionLock<T>(name: string, waitMs: number, work: () => Promise<T>): Promise<T> {
  const client = await lockPool().connect();
  let locked = false;
  let broken = false;
  try {
    try {
      await client.query(`SET lock_timeout = ${Math.max(1, Math.round(waitMs))}`);
      await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [name]);
      locked = true;
    } catch (error) {
      if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new LockWaitTimeout(name);
      broken = true;
      throw error;
    }
    return await work();
  } finally {
    // If the unlock fails the connection is destroyed instead of returned to the pool, which releases the lock.
    if (locked) await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [name]).catch(() => (broken = true));
    client.release(broken);
  }
}
