/**
 * One call of a run's function: the request the SDK expects (the memoised steps, signed with the executor's
 * key), and what its answer means for the run — an `Outcome` the engine then records. Nothing here throws for
 * anything the app does: an unreachable app, an answer that stalls or breaks off, a 206 without operations
 * and an error all become a retry (with backoff) or a failure.
 */
import type { ExecutorRun } from "../../lib/db";
import { backoffMs, sleepUntil, type Op, type StepResult } from "./protocol";
import { canonicalBody, signatureHeader, type ExecutorKeys } from "./signing";

/** A step's outcome, to memoise: its hashed id and its result. */
export type CompletedStep = [id: string, result: StepResult];

export type Outcome =
  /** Steps completed (`steps`, to add to what the run has memoised) and/or an attempt failed (`error`). */
  | { kind: "continue"; steps?: CompletedStep[]; attempt: number; nextRunAt: Date; error?: unknown }
  | { kind: "completed"; output: unknown }
  | { kind: "failed"; error: unknown };

export interface CallOptions {
  keys?: ExecutorKeys;
  requestTimeoutMs: number;
  /** Base delay between retries of a failed step; doubled per attempt. */
  backoffBaseMs: number;
}

/**
 * Sends the run's state to its function and reads what it answers. `servers` are the serve URLs of every
 * process that registered the function (several app processes on one database), in the order to try them:
 * one that refuses the connection cannot have started the step, so the next one is asked at once instead of
 * spending an attempt. Any other failure (a timeout, a broken answer) may have run the step, and is retried
 * with backoff as usual.
 */
export async function callFunction(run: ExecutorRun, servers: readonly string[], options: CallOptions): Promise<Outcome> {
  const body = {
    event: run.event,
    events: [run.event],
    steps: run.steps,
    ctx: {
      run_id: run.id,
      attempt: run.attempt,
      max_attempts: run.maxAttempts,
      // With a function and a queue item id the SDK checkpoints (AsyncCheckpointing): it runs the steps it
      // finds one after another in this one call, recording each through `POST /v1/checkpoint/:run/async`
      // (./server.ts) before starting the next, instead of answering after every step. The run is the queue item.
      fn_id: run.functionId,
      qi_id: run.id,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: run.stack, current: run.stack.length },
    },
    version: 1,
  };
  const canonical = canonicalBody(body);
  // The app and the executor share a host or a private network: a compressed answer (Next.js compresses what a
  // client accepts) would cost both of them CPU to save bytes nobody pays for.
  const headers: Record<string, string> = { "content-type": "application/json", "accept-encoding": "identity" };
  if (options.keys) headers["x-inngest-signature"] = signatureHeader(canonical, options.keys.signingKey);
  let response: Response | undefined;
  for (const url of servers) {
    try {
      response = await fetch(url, { method: "POST", headers, body: canonical, signal: AbortSignal.timeout(options.requestTimeoutMs) });
      break;
    } catch (error) {
      if (!connectionRefused(error) || url === servers.at(-1)) {
        return retryOrFail(run, { name: "Error", message: `could not reach the function: ${errorMessage(error)}` }, options.backoffBaseMs);
      }
    }
  }
  if (!response) return retryOrFail(run, { name: "Error", message: "no process serves the function" }, options.backoffBaseMs);
  let text: string;
  try {
    // The timeout covers the body too: an app that answers and then stalls is cut off, not waited for.
    text = await response.text();
  } catch (error) {
    return retryOrFail(run, { name: "Error", message: `could not read the function's answer (HTTP ${response.status}): ${errorMessage(error)}` }, options.backoffBaseMs);
  }
  const payload = text ? safeJson(text) : null;
  if (response.status === 200) return { kind: "completed", output: payload };
  if (response.status === 206) {
    const ops = Array.isArray(payload) ? payload : [payload];
    if (!ops.every(isOp)) return retryOrFail(run, { name: "Error", message: `the function answered 206 without operations: ${text.slice(0, 200)}` }, options.backoffBaseMs);
    return applyOps(run, ops, options.backoffBaseMs);
  }
  const error = payload ?? { name: "Error", message: `HTTP ${response.status}` };
  if (response.headers.get("x-inngest-no-retry") === "true") return { kind: "failed", error };
  return retryOrFail(run, error, options.backoffBaseMs);
}

function connectionRefused(error: unknown): boolean {
  return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
}

/** The next attempt after `error`, backed off, or the run failed once its attempts are spent. */
export function retryOrFail(run: ExecutorRun, error: unknown, backoffBaseMs: number): Outcome {
  const attempt = run.attempt + 1;
  if (attempt >= run.maxAttempts) return { kind: "failed", error };
  return { kind: "continue", attempt, nextRunAt: new Date(Date.now() + backoffMs(attempt, backoffBaseMs)), error };
}

/**
 * The operations of a 206 answer: steps to memoise, a sleep, steps planned but not run (call again now), the
 * end of the run.
 */
function applyOps(run: ExecutorRun, ops: Op[], backoffBaseMs: number): Outcome {
  const steps: CompletedStep[] = [];
  let nextRunAt = new Date();
  for (const op of ops) {
    const completed = completedStep(op);
    if (completed) {
      steps.push(completed);
      continue;
    }
    switch (op.op) {
      case "StepError":
        return retryOrFail(run, op.error, backoffBaseMs);
      case "StepPlanned":
        // Found, not run: a checkpointing call that reached the SDK's time budget hands the rest back.
        break;
      case "Sleep":
        steps.push([op.id, { data: null }]);
        try {
          nextRunAt = sleepUntil(op);
        } catch (error) {
          // The function asks for the same sleep on every attempt: retrying would not help.
          return { kind: "failed", error: { name: "Error", message: `step ${op.displayName ?? op.id}: ${errorMessage(error)}` } };
        }
        break;
      case "RunComplete":
        return { kind: "completed", output: op.data ?? null };
      default:
        return { kind: "failed", error: { name: "Error", message: `the embedded executor does not support ${op.op} (step ${op.displayName ?? op.id})` } };
    }
  }
  return { kind: "continue", steps, attempt: 0, nextRunAt };
}

/**
 * The steps a checkpoint reports (`POST /v1/checkpoint/:run/async`, body.steps): completed ones to memoise.
 * Anything else in it is not a step's outcome (the SDK sends only completed steps while checkpointing).
 */
export function checkpointedSteps(ops: unknown): CompletedStep[] {
  if (!Array.isArray(ops) || !ops.every(isOp)) throw new TypeError("a checkpoint's steps must be operations");
  return ops.map(completedStep).filter((step): step is CompletedStep => step !== null);
}

/** A step's outcome from its operation: its data when it ran, its error when it failed for good. */
function completedStep(op: Op): CompletedStep | null {
  if (op.op === "StepRun") return [op.id, { data: op.data ?? null }];
  if (op.op === "StepFailed") return [op.id, { error: op.error }];
  return null;
}

function isOp(value: unknown): value is Op {
  return value !== null && typeof value === "object" && typeof (value as Op).op === "string";
}

/** An error's message for the log and the run's record: one line, bounded, and storable (no NUL). */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\u0000/g, "").replace(/\s+/g, " ").trim().slice(0, 500);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { name: "Error", message: text.slice(0, 500) };
  }
}
