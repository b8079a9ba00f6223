/**
 * The Inngest SDK ↔ server protocol, as far as the embedded executor speaks it (docs/SDK_SPEC.md in the
 * inngest/inngest repository; checked against the pinned SDK by inngest/executor/executor.int.test.ts).
 * Pure: shapes and parsing only.
 */

/** A function as the SDK registers it (`POST /fn/register`, body.functions[]). */
export interface RegisteredFunction {
  id: string;
  name?: string;
  triggers: { event?: string; expression?: string; cron?: string }[];
  steps: Record<string, { id: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }>;
  concurrency?: { limit: number; key?: string; scope?: string }[] | { limit: number; key?: string };
  priority?: { run?: string };
}

export interface InngestEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: unknown;
  v?: string;
}

/** A step's memoised outcome, as the SDK expects it back. */
export type StepResult = { data: unknown } | { error: unknown };

/** One operation in a 206 answer from the SDK. */
export interface Op {
  op: "StepRun" | "StepError" | "StepFailed" | "StepPlanned" | "Sleep" | "WaitForEvent" | "InvokeFunction" | "RunComplete" | string;
  id: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown>;
}

/** Default retries of an Inngest function: 4, so 5 attempts in all. */
export const DEFAULT_RETRIES = 4;
export const FAILURE_EVENT = "inngest/function.failed";

export function maxAttemptsOf(fn: RegisteredFunction): number {
  const retries = Object.values(fn.steps)[0]?.retries?.attempts;
  return (retries ?? DEFAULT_RETRIES) + 1;
}

export function stepUrlOf(fn: RegisteredFunction): string {
  const step = Object.values(fn.steps)[0];
  if (!step) throw new Error(`function ${fn.id} registered without a step`);
  return step.runtime.url;
}

/** Reads `event.a.b` from the run's context; anything else is unsupported. */
export function readPath(expression: string, context: Record<string, unknown>): unknown {
  const path = expression.trim().split(".");
  let value: unknown = context;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Trigger expressions of the form `event.x.y == 'literal'` joined by `&&`: what the SDK itself generates
 * for failure handlers. Returns null for an expression it cannot evaluate, so the caller can say so.
 */
export function evaluateExpression(expression: string, event: InngestEvent): boolean | null {
  const clauses = expression.split("&&").map((c) => c.trim());
  for (const clause of clauses) {
    const match = clause.match(/^(event(?:\.[A-Za-z0-9_]+)+)\s*==\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)|(true|false))$/);
    if (!match) return null;
    const [, path, single, double, number, bool] = match;
    const expected = single ?? double ?? (number !== undefined ? Number(number) : bool === "true");
    if (readPath(path, { event }) !== expected) return false;
  }
  return true;
}

export function matchesTrigger(fn: RegisteredFunction, event: InngestEvent): boolean {
  return fn.triggers.some((t) => t.event === event.name && (!t.expression || evaluateExpression(t.expression, event) === true));
}

export function concurrencyOf(fn: RegisteredFunction, event: InngestEvent): { key: string; limit: number } | null {
  const first = Array.isArray(fn.concurrency) ? fn.concurrency[0] : fn.concurrency;
  if (!first?.limit) return null;
  const keyValue = first.key ? readPath(first.key, { event }) : "";
  return { key: `${fn.id}:${String(keyValue ?? "")}`, limit: first.limit };
}

/** Inngest's bound on a run's priority factor, in seconds. */
const MAX_PRIORITY_S = 600;

/**
 * A run's priority factor (`priority.run`), in seconds: the run is queued as if it had arrived that much
 * earlier, so it starts ahead of runs that have waited less than that. The expression may be a number or a
 * path into the event (`event.data.priority`); Inngest's bound of 600 s applies. Inngest also reads full CEL
 * expressions and negative factors (held back); this executor reads neither, and counts them as 0.
 */
export function priorityOf(fn: RegisteredFunction, event: InngestEvent): number {
  const expression = fn.priority?.run?.trim();
  if (!expression) return 0;
  const value = /^\d+(\.\d+)?$/.test(expression) ? Number(expression) : readPath(expression, { event });
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(MAX_PRIORITY_S, Math.trunc(value));
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** When a `Sleep` op wakes: its name is a duration (`1s`, `2h30m`) or an ISO timestamp (sleepUntil). */
export function sleepUntil(op: Op, now = Date.now()): Date {
  const name = op.name ?? "";
  const parts = [...name.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length && parts.map((p) => p[0]).join("") === name) {
    return new Date(now + parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MS[unit], 0));
  }
  const at = new Date(name);
  if (Number.isNaN(at.getTime())) throw new Error(`unreadable sleep duration: ${name}`);
  return at;
}

/** Exponential backoff between attempts (base × 2^(attempt-1), capped at an hour), with ±20 % jitter. */
export function backoffMs(attempt: number, baseMs: number): number {
  const delay = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}
