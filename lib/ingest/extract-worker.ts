/**
 * The extraction worker thread: reads one file at a time with `extractLab` and posts the result (or the
 * error, serialised) back to the pool in extract-pool.ts. Parsing, PDF rendering and OCR set-up run here,
 * never on the thread that answers HTTP requests.
 */
import { parentPort } from "node:worker_threads";
import { extractLab } from "./index";
import type { ExtractionLimits } from "./limits";

export interface ExtractTask {
  id: number;
  bytes: Uint8Array;
  contentType?: string;
  filename?: string;
  limits: ExtractionLimits;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
}

export type ExtractReply = { id: number; ok: true; result: Awaited<ReturnType<typeof extractLab>> } | { id: number; ok: false; error: SerializedError };

function serialize(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause !== undefined && depth < 3 ? { cause: serialize(error.cause, depth + 1) } : {}),
  };
}

if (parentPort) {
  const port = parentPort;
  port.on("message", async (task: ExtractTask) => {
    let reply: ExtractReply;
    try {
      reply = { id: task.id, ok: true, result: await extractLab({ bytes: task.bytes, contentType: task.contentType, filename: task.filename }, task.limits) };
    } catch (error) {
      reply = { id: task.id, ok: false, error: serialize(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
