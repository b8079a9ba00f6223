/**
 * Whether an error means the database cannot be reached right now — down, restarting, refusing connections,
 * out of connections — rather than anything about the request. Such a request answers 503 with Retry-After
 * (lib/http/errors.ts) and the pool reconnects by itself once PostgreSQL is back: no restart of the app.
 *
 * Errors arrive three ways: from Prisma (its own codes, or the pg driver adapter's `kind`), and from the app's
 * own pg pools (the read cache, the audit writer) as pg/Node errors with a SQLSTATE or a socket code.
 */

/** Prisma: can't reach the server (P1001), timed out reaching it (P1002), it closed the connection (P1017), pool timeout (P2024). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
/** The pg driver adapter's kinds for the same conditions. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "TooManyConnections", "SocketTimeout"]);
/** Socket failures on the way to the server. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);
/**
 * SQLSTATE: connection exceptions (class 08), too many connections (53300), the server shutting down or
 * starting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
 */
const isUnavailableSqlState = (code: string) => code.startsWith("08") || ["53300", "57P01", "57P02", "57P03"].includes(code);

const PG_CONNECTION_LOST =
  /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: ErrorLike } };
  cause?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as ErrorLike;
  const code = typeof e.code === "string" ? e.code : "";
  if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.originalCode === "string" && isUnavailableSqlState(e.originalCode)) return true;
  // pg's own words when the server goes away under an open connection, or a query is sent on a connection it
  // already lost (raw statements through Prisma's adapter surface these unwrapped).
  if (typeof e.message === "string" && PG_CONNECTION_LOST.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
