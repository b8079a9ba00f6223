/**
 * Extraction off the event loop. Parsing a large CSV or HL7 message, rendering PDF pages and preparing OCR
 * are seconds of synchronous work; on the thread that also answers HTTP requests they stall every user of
 * the process. A small pool of worker threads (node:worker_threads), started on first use and reused,
 * reads one file each; the caller awaits a message.
 *
 * Next.js bundles the app's TypeScript, so the worker's entry is a plain .mjs file in the source tree that
 * Node loads itself (see extract-worker.mjs), found from the working directory the app runs in (the
 * project root for `npm run dev`, `npm start`, `next start` and Vitest). When it cannot start (tsx or the
 * source tree missing), extraction runs on the calling thread and the reason is logged once, through the
 * logger the caller passes (lib/ingest has none of its own).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ExtractionError } from "./errors";
import type { ExtractReply, ExtractTask, PartRequest, SerializedError } from "./extract-worker";
import type { ExtractionLimits } from "./limits";
import type { ExtractedAnalyte, ExtractionResult } from "./types";

export interface OffThreadOptions {
  limits: ExtractionLimits;
  /** Worker threads in the pool (fixed by the first call); 0 reads on the calling thread. */
  workers: number;
  /** A file still being read after this long fails, and its worker is replaced. */
  timeoutMs: number;
  /** Where the pool says it reads files on the calling thread (fixed by the first call); lib/log's logger fits. */
  log?: PoolLog;
}

/** The one call the pool makes on a logger (pino's shape: context first, then the message). */
export interface PoolLog {
  error(context: Record<string, unknown>, message: string): void;
}

interface ExtractInput {
  bytes: Uint8Array;
  contentType?: string;
  filename?: string;
  /** People the partner named (the patient context), removed wherever they recur in the file's text. */
  names?: string[];
}

interface Pending {
  task: ExtractTask;
  timeoutMs: number;
  resolve: (result: ExtractionResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Pending;
  /** The current file's result while its analytes arrive, a part per request (extract-worker.ts). */
  receiving?: { result: Omit<ExtractionResult, "analytes">; parts: number; analytes: ExtractedAnalyte[] };
  timer?: NodeJS.Timeout;
}

/** Relative to the working directory: a bundled module's own URL does not point into the source tree. */
const WORKER_ENTRY = path.join("lib", "ingest", "extract-worker.mjs");
/** Heap for one worker; a file that needs more fails instead of taking the process down. */
const WORKER_HEAP_MB = 1024;

function revive(error: SerializedError): Error {
  const cause = error.cause ? revive(error.cause) : undefined;
  const revived = error.name === "ExtractionError" ? new ExtractionError(error.message, { cause }) : new Error(error.message, { cause });
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

async function readHere(task: ExtractTask): Promise<ExtractionResult> {
  const { extractLab } = await import("./index");
  return extractLab({ bytes: task.bytes, contentType: task.contentType, filename: task.filename, names: task.names }, task.limits);
}

class ExtractPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** Why workers cannot run here; extraction then happens on the calling thread. */
  private unavailable?: string;

  constructor(
    private readonly size: number,
    private readonly entry: string,
    private readonly log?: PoolLog,
  ) {
    if (size < 1) this.unavailable = "EXTRACT_WORKERS is 0";
    else if (!existsSync(entry)) {
      this.unavailable = `${entry} is missing`;
      this.log?.error({ component: "ingest", entry }, "the extraction worker's entry is missing (is the app running from the project root?); reading files on the calling thread");
    }
  }

  run(input: ExtractInput, limits: ExtractionLimits, timeoutMs: number): Promise<ExtractionResult> {
    return new Promise((resolve, reject) => {
      // A copy with a buffer of its own: a Buffer may share Node's pool, which must not be transferred.
      const task: ExtractTask = {
        id: this.nextId++,
        bytes: new Uint8Array(input.bytes),
        contentType: input.contentType,
        filename: input.filename,
        names: input.names,
        limits,
      };
      this.queue.push({ task, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      if (this.unavailable) {
        const pending = this.queue.shift()!;
        readHere(pending.task).then(pending.resolve, pending.reject);
        continue;
      }
      const idle = this.slots.find((slot) => slot.ready && !slot.current);
      if (idle) {
        this.dispatch(idle, this.queue.shift()!);
        continue;
      }
      const starting = this.slots.filter((slot) => !slot.ready).length;
      if (this.slots.length < this.size && starting < this.queue.length) this.spawn();
      return;
    }
  }

  private spawn(): void {
    const worker = new Worker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.unref();
    worker.on("message", (message: ExtractReply | { ready: true }) => {
      if ("ready" in message) {
        slot.ready = true;
        this.pump();
        return;
      }
      const pending = slot.current;
      if (!pending || pending.task.id !== message.id) return;
      if ("part" in message) {
        const receiving = slot.receiving!;
        receiving.analytes.push(...message.analytes);
        if (message.part + 1 < receiving.parts) this.ask(slot, message.part + 1);
        else this.settle(slot, () => pending.resolve({ ...receiving.result, analytes: receiving.analytes }));
      } else if (message.ok && message.parts > 0) {
        slot.receiving = { result: message.result, parts: message.parts, analytes: [] };
        this.ask(slot, 0);
      } else if (message.ok) {
        this.settle(slot, () => pending.resolve({ ...message.result, analytes: [] }));
      } else {
        this.settle(slot, () => pending.reject(revive(message.error)));
      }
    });
    worker.on("error", (error) => this.lost(slot, error));
    worker.on("exit", (code) => this.lost(slot, new Error(`the extraction worker exited with code ${code}`)));
  }

  private dispatch(slot: Slot, pending: Pending): void {
    slot.current = pending;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.remove(slot);
      void slot.worker.terminate();
      const seconds = Number((pending.timeoutMs / 1000).toFixed(1));
      pending.reject(new ExtractionError(`this file took longer than ${seconds} seconds to read — split it into smaller files or send an export with fewer pages`));
      this.pump();
    }, pending.timeoutMs);
    slot.worker.postMessage(pending.task, [pending.task.bytes.buffer as ArrayBuffer]);
  }

  private ask(slot: Slot, part: number): void {
    slot.worker.postMessage({ id: slot.current!.task.id, part } satisfies PartRequest);
  }

  /** The slot's file is done: the slot takes the next one, then the caller hears. */
  private settle(slot: Slot, notify: () => void): void {
    clearTimeout(slot.timer);
    slot.current = undefined;
    slot.receiving = undefined;
    slot.worker.unref();
    notify();
    this.pump();
  }

  private remove(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    clearTimeout(slot.timer);
    return true;
  }

  /** A worker died: its file fails (for good when it ran out of memory), or the pool falls back when none can start. */
  private lost(slot: Slot, error: Error & { code?: string }): void {
    if (!this.remove(slot)) return;
    const pending = slot.current;
    if (!pending) {
      if (!slot.ready) {
        this.unavailable = `the extraction worker could not start: ${error.message}`;
        this.log?.error({ component: "ingest", err: error }, "the extraction worker could not start; reading files on the calling thread");
      }
    } else if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
      pending.reject(new ExtractionError("this file needs more memory to read than Labwise allows for one file — split it into smaller files", { cause: error }));
    } else {
      pending.reject(new Error(`the extraction worker stopped while reading a file: ${error.message}`, { cause: error }));
    }
    this.pump();
  }
}

const POOL = Symbol.for("labwise.ingest.extractPool");
type WithPool = typeof globalThis & { [POOL]?: ExtractPool };

function pool(size: number, log?: PoolLog): ExtractPool {
  // One pool per process, even when a bundler or test runner loads this module more than once.
  const scope = globalThis as WithPool;
  return (scope[POOL] ??= new ExtractPool(size, path.resolve(process.cwd(), WORKER_ENTRY), log));
}

/**
 * `extractLab` in a worker thread: same result, same ExtractionError reasons, without blocking the
 * caller's event loop. Files queue when every worker is busy.
 */
export function extractLabOffThread(input: ExtractInput, options: OffThreadOptions): Promise<ExtractionResult> {
  return pool(options.workers, options.log).run(input, options.limits, options.timeoutMs);
}
